package dev.oxistore.kv;

import dev.oxistore.kv.spi.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ordered group of puts, deletes and merges, possibly across keyspaces, that
 * {@link KvStore#write(WriteBatch)} applies atomically: a reader, a snapshot or a crash sees all
 * of it or none of it. Later operations on the same key win. Keys and values are validated and
 * copied when added. Not thread-safe; a batch may be written more than once.
 */
public final class WriteBatch {

    /** One operation of a batch. */
    public sealed interface Op permits Put, Delete, Merge {
        /** The keyspace the operation targets. */
        String keyspace();

        /** The key (owned by the batch: do not modify). */
        byte[] key();
    }

    /** Sets a key; {@code ttl} is null for no expiry. */
    public record Put(String keyspace, byte[] key, byte[] value, Duration ttl) implements Op {
    }

    /** Removes a key. */
    public record Delete(String keyspace, byte[] key) implements Op {
    }

    /** Merges an operand into a key with the store's merge operator. */
    public record Merge(String keyspace, byte[] key, byte[] operand) implements Op {
    }

    private final List<Op> ops = new ArrayList<>();

    /** Creates an empty batch. */
    public WriteBatch() {
    }

    /** Adds a put to the default keyspace. */
    public WriteBatch put(byte[] key, byte[] value) {
        return put(KvStore.DEFAULT_KEYSPACE, key, value);
    }

    /** Adds a put with a time to live to the default keyspace. */
    public WriteBatch put(byte[] key, byte[] value, Duration ttl) {
        return put(KvStore.DEFAULT_KEYSPACE, key, value, ttl);
    }

    /** Adds a delete to the default keyspace. */
    public WriteBatch delete(byte[] key) {
        return delete(KvStore.DEFAULT_KEYSPACE, key);
    }

    /** Adds a merge to the default keyspace. */
    public WriteBatch merge(byte[] key, byte[] operand) {
        return merge(KvStore.DEFAULT_KEYSPACE, key, operand);
    }

    /** Adds a put to {@code keyspace}. */
    public WriteBatch put(String keyspace, byte[] key, byte[] value) {
        ops.add(new Put(Checks.keyspaceName(keyspace), Checks.copyKey(key), Checks.copyValue(value), null));
        return this;
    }

    /** Adds a put with a time to live to {@code keyspace}. */
    public WriteBatch put(String keyspace, byte[] key, byte[] value, Duration ttl) {
        ops.add(new Put(Checks.keyspaceName(keyspace), Checks.copyKey(key), Checks.copyValue(value), Checks.ttl(ttl)));
        return this;
    }

    /** Adds a delete to {@code keyspace}. */
    public WriteBatch delete(String keyspace, byte[] key) {
        ops.add(new Delete(Checks.keyspaceName(keyspace), Checks.copyKey(key)));
        return this;
    }

    /** Adds a merge to {@code keyspace}. */
    public WriteBatch merge(String keyspace, byte[] key, byte[] operand) {
        ops.add(new Merge(Checks.keyspaceName(keyspace), Checks.copyKey(key), Checks.copyValue(operand)));
        return this;
    }

    /** The operations in the order they were added (unmodifiable view). */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** The number of operations. */
    public int size() {
        return ops.size();
    }

    /** True when the batch has no operation. */
    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Removes every operation, so the batch can be reused. */
    public WriteBatch clear() {
        ops.clear();
        return this;
    }
}
