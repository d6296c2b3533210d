package dev.oxistore.cache;

/**
 * Told of every entry that leaves a {@link Cache}, after the cache's internal lock is released,
 * on the thread that caused the removal. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

    /** {@code key} with {@code value} left the cache because of {@code cause}. */
    void onRemoval(K key, V value, RemovalCause cause);
}
