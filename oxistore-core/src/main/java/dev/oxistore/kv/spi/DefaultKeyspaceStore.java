package dev.oxistore.kv.spi;

import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import java.time.Duration;

/**
 * A store that is its default keyspace by delegating every {@link Keyspace} method to
 * {@link #defaultKeyspace()}, so engines and decorators write only the store-level methods.
 */
public interface DefaultKeyspaceStore extends KvStore, DefaultKeyspaceReadWriter {

    /** The store's keyspace named {@value KvStore#DEFAULT_KEYSPACE}. */
    @Override
    Keyspace defaultKeyspace();

    @Override
    default String name() {
        return DEFAULT_KEYSPACE;
    }

    @Override
    default boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
        return defaultKeyspace().compareAndSet(key, expected, next);
    }

    @Override
    default boolean expire(byte[] key, Duration ttl) {
        return defaultKeyspace().expire(key, ttl);
    }

    @Override
    default boolean persist(byte[] key) {
        return defaultKeyspace().persist(key);
    }

    @Override
    default Watch watch(byte[] prefix, WatchListener listener) {
        return defaultKeyspace().watch(prefix, listener);
    }
}
