package dev.oxistore.kv;

/** Receives committed changes under a watched prefix; see {@link Keyspace#watch}. */
@FunctionalInterface
public interface WatchListener {
    /** Called once per committed change, in commit order. */
    void onEvent(WatchEvent event);
}
