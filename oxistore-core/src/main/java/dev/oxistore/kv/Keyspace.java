package dev.oxistore.kv;

import java.time.Duration;

/**
 * A named, isolated key space of a store: the same key in two keyspaces is two entries. Each
 * write here is atomic and, once it returns, visible to every later read and durable per the
 * store's {@link Durability}. {@link KvStore} itself is the keyspace named
 * {@value KvStore#DEFAULT_KEYSPACE}.
 */
public interface Keyspace extends KvReadWriter {

    /** This keyspace's name. */
    String name();

    /**
     * Atomically replaces the value of {@code key} when it currently equals {@code expected}.
     * {@code expected == null} means "only if absent (or expired)"; {@code next == null} means
     * "delete". A successful replacement clears any expiry.
     *
     * @return true when the swap happened
     */
    boolean compareAndSet(byte[] key, byte[] expected, byte[] next);

    /**
     * Gives an existing key a time to live.
     *
     * @return false when the key is absent or already expired
     */
    boolean expire(byte[] key, Duration ttl);

    /**
     * Removes the expiry of {@code key}.
     *
     * @return false when the key is absent, expired, or had no expiry
     */
    boolean persist(byte[] key);

    /**
     * Registers {@code listener} for committed puts and deletes of keys that start with
     * {@code prefix} in this keyspace (an empty prefix watches every key). Events arrive after the
     * change is committed, in commit order, on a dispatcher thread of the store; a rolled-back
     * transaction produces none. An exception from the listener is logged and does not stop
     * delivery. Close the returned {@link Watch} to stop.
     */
    Watch watch(byte[] prefix, WatchListener listener);
}
