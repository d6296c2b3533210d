package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReadWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A reader-writer that is the view of its own default keyspace, as a {@link dev.oxistore.kv.KvTxn}
 * is: every read and write goes to {@link #defaultKeyspace()}. Implementing this instead of
 * writing the delegation out keeps the rule in one place.
 */
public interface DefaultKeyspaceReadWriter extends KvReadWriter {

    /** The view of the default keyspace that every method here delegates to. */
    KvReadWriter defaultKeyspace();

    @Override
    default byte[] get(byte[] key) {
        return defaultKeyspace().get(key);
    }

    @Override
    default boolean contains(byte[] key) {
        return defaultKeyspace().contains(key);
    }

    @Override
    default List<byte[]> getAll(List<byte[]> keys) {
        return defaultKeyspace().getAll(keys);
    }

    @Override
    default KvCursor scan(KeyRange range) {
        return defaultKeyspace().scan(range);
    }

    @Override
    default long count() {
        return defaultKeyspace().count();
    }

    @Override
    default Optional<Duration> ttl(byte[] key) {
        return defaultKeyspace().ttl(key);
    }

    @Override
    default void put(byte[] key, byte[] value) {
        defaultKeyspace().put(key, value);
    }

    @Override
    default void put(byte[] key, byte[] value, Duration ttl) {
        defaultKeyspace().put(key, value, ttl);
    }

    @Override
    default void delete(byte[] key) {
        defaultKeyspace().delete(key);
    }

    @Override
    default void merge(byte[] key, byte[] operand) {
        defaultKeyspace().merge(key, operand);
    }
}
