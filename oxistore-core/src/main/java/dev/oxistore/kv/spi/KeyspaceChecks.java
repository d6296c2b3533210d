package dev.oxistore.kv.spi;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.StoreConfig;
import java.time.Duration;
import java.util.List;

/**
 * The checks a keyspace operation starts with, in the order the contract fixes: the owner's state
 * first (closed, then read-only for writes), then the arguments against {@code config}'s limits.
 * Engines' keyspaces and the transaction views call one of these before doing any work; counting
 * the operation stays with the caller.
 *
 * @param config the store's configuration (key and value limits, merge operator)
 * @param life   the state of the store, snapshot or transaction the keyspace belongs to
 */
public record KeyspaceChecks(StoreConfig config, Lifecycle life) {

    /** Before {@code get}, {@code contains} and {@code ttl}: open, and a valid key. */
    public void beforeRead(byte[] key) {
        life.ensureOpen();
        Checks.checkKey(key, config);
    }

    /** Before {@code getAll}: open, and a non-null list of valid keys. */
    public void beforeReadAll(List<byte[]> keys) {
        life.ensureOpen();
        Checks.checkKeys(keys, config);
    }

    /** Before {@code scan}: open, and a range. */
    public void beforeScan(KeyRange range) {
        life.ensureOpen();
        if (range == null) {
            throw new InvalidArgumentException("range is null: use KeyRange.all() to scan everything");
        }
    }

    /** Before {@code put}: writable, a valid key and a valid value. */
    public void beforePut(byte[] key, byte[] value) {
        life.ensureWritable();
        Checks.checkKey(key, config);
        Checks.checkValue(value, config);
    }

    /** Before {@code put} with a time to live: as {@link #beforePut(byte[], byte[])}, and a positive ttl. */
    public void beforePut(byte[] key, byte[] value, Duration ttl) {
        beforePut(key, value);
        Checks.ttl(ttl);
    }

    /** Before {@code delete} and {@code persist}: writable, and a valid key. */
    public void beforeWrite(byte[] key) {
        life.ensureWritable();
        Checks.checkKey(key, config);
    }

    /** Before {@code expire}: writable, a valid key and a positive ttl. */
    public void beforeExpire(byte[] key, Duration ttl) {
        beforeWrite(key);
        Checks.ttl(ttl);
    }

    /** Before {@code merge}: writable, a merge operator configured, a valid key and a valid operand. */
    public void beforeMerge(byte[] key, byte[] operand) {
        life.ensureWritable();
        Merges.require(config);
        Checks.checkKey(key, config);
        Checks.checkValue(operand, config);
    }
}
