package dev.oxistore.kv.spi;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The writes a transaction (or a batch being folded) has buffered, per keyspace, sorted by key:
 * the latest put or delete of each key. Merges are resolved when made, against this set over a
 * {@link ReadView} (see {@link #merge}), and buffered as puts that keep the existing expiry; under
 * snapshot isolation that is exact, because commit fails if anyone else wrote the key meanwhile.
 *
 * <p>Reads through {@link #lookup} and {@link OverlayCursor} give read-your-writes over any base.
 * A cursor sees the set as it was when the cursor opened, even if the transaction keeps writing
 * while it iterates: while a cursor is open each write keeps the entry it replaces (a tiny
 * version chain), and cursors skip entries newer than their opening. Not thread-safe, like the
 * transaction that owns it; arrays passed in become owned by the set.
 */
public final class TxnWriteSet {

    /** One buffered write: a put ({@link #value()} non-null) or a delete. */
    public static final class Write {
        private final byte[] value;
        private final long expiresAt;
        final long version;
        final Write older;

        Write(byte[] value, long expiresAt, long version, Write older) {
            this.value = value;
            this.expiresAt = expiresAt;
            this.version = version;
            this.older = older;
        }

        /** The value put (owned by the set: do not modify), or {@code null} for a delete. */
        public byte[] value() {
            return value;
        }

        /** The absolute expiry of a put, {@link Expiry#NEVER} for none. */
        public long expiresAt() {
            return expiresAt;
        }

        /** True for a delete. */
        public boolean isDelete() {
            return value == null;
        }

        /** True for a put that has not expired at {@code nowMillis}. */
        public boolean isLiveAt(long nowMillis) {
            return value != null && expiresAt > nowMillis;
        }

        /** The newest state of this entry at or before set version {@code at}, or null. */
        Write asOf(long at) {
            Write w = this;
            while (w != null && w.version > at) {
                w = w.older;
            }
            return w;
        }
    }

    /** Receives the buffered writes, keyspace by keyspace in name order, keys in store order. */
    @FunctionalInterface
    public interface Visitor {
        /** One buffered write of {@code key} in {@code keyspace}. */
        void visit(String keyspace, byte[] key, Write write);
    }

    private final TreeMap<String, ConcurrentSkipListMap<byte[], Write>> keyspaces = new TreeMap<>();
    private long version;
    private int openCursors;
    private int size;

    /** An empty write set. */
    public TxnWriteSet() {
    }

    /** Buffers a put of {@code value} (expiring at {@code expiresAt}, or {@link Expiry#NEVER}); takes ownership of both arrays. */
    public void put(String keyspace, byte[] key, byte[] value, long expiresAt) {
        if (value == null) {
            throw new InvalidArgumentException("a buffered put needs a value: buffer a delete() instead");
        }
        record(keyspace, key, value, expiresAt);
    }

    /** Buffers a delete of {@code key}; takes ownership of the array. */
    public void delete(String keyspace, byte[] key) {
        record(keyspace, key, null, Expiry.NEVER);
    }

    private void record(String keyspace, byte[] key, byte[] value, long expiresAt) {
        ConcurrentSkipListMap<byte[], Write> map = keyspaces.computeIfAbsent(keyspace,
                k -> new ConcurrentSkipListMap<>(Bytes.ORDER));
        Write previous = map.get(key);
        if (previous == null) {
            size++;
        }
        // Keep the replaced entry only while some cursor may still need the older state.
        map.put(key, new Write(value, expiresAt, ++version, openCursors > 0 ? previous : null));
    }

    /**
     * Resolves a merge of {@code operand} into {@code key} against this set over {@code base} and
     * buffers the result as a put that keeps the existing expiry (none when the key was absent).
     *
     * @return the merged value (owned by the set)
     * @throws dev.oxistore.kv.UnsupportedFeatureException when no merge operator is configured
     * @throws dev.oxistore.kv.InvalidArgumentException when the operator fails; nothing is buffered
     */
    public byte[] merge(String keyspace, byte[] key, byte[] operand, StoreConfig config, ReadView base, long nowMillis) {
        TimedValue current = lookup(keyspace, key, base, nowMillis);
        byte[] merged = Merges.apply(config, key, current == null ? null : current.value(), operand);
        put(keyspace, key, merged, current == null ? Expiry.NEVER : current.expiresAt());
        return merged;
    }

    /**
     * Buffers every operation of a checked {@code batch} in order, merges resolved as by
     * {@link #merge}; copies the batch's arrays, which it hands out through {@code ops()} and may
     * reuse.
     */
    public void addAll(WriteBatch batch, StoreConfig config, ReadView base, long nowMillis) {
        for (WriteBatch.Op op : batch.ops()) {
            switch (op) {
                case WriteBatch.Put p -> put(p.keyspace(), p.key().clone(), p.value().clone(),
                        p.ttl() == null ? Expiry.NEVER : Expiry.deadline(nowMillis, p.ttl()));
                case WriteBatch.Delete d -> delete(d.keyspace(), d.key().clone());
                case WriteBatch.Merge m -> merge(m.keyspace(), m.key().clone(), m.operand().clone(), config, base,
                        nowMillis);
            }
        }
    }

    /** The latest buffered write of {@code key}, or null when this set has none. */
    public Write get(String keyspace, byte[] key) {
        ConcurrentSkipListMap<byte[], Write> map = keyspaces.get(keyspace);
        return map == null ? null : map.get(key);
    }

    /**
     * Read-your-writes lookup: the buffered write of {@code key} if there is one (null for a delete
     * or an expired put), otherwise what {@code base} holds.
     */
    public TimedValue lookup(String keyspace, byte[] key, ReadView base, long nowMillis) {
        Write w = get(keyspace, key);
        if (w == null) {
            return base.read(keyspace, key, nowMillis);
        }
        return w.isLiveAt(nowMillis) ? new TimedValue(w.value, w.expiresAt) : null;
    }

    /**
     * How the buffered writes of {@code keyspace} change its live count over {@code base}: +1 per
     * key they make live, -1 per key they remove. One base lookup per buffered key.
     */
    public long countDelta(String keyspace, ReadView base, long nowMillis) {
        ConcurrentSkipListMap<byte[], Write> map = keyspaces.get(keyspace);
        if (map == null) {
            return 0;
        }
        long delta = 0;
        for (Map.Entry<byte[], Write> e : map.entrySet()) {
            boolean liveAfter = e.getValue().isLiveAt(nowMillis);
            boolean liveBefore = base.read(keyspace, e.getKey(), nowMillis) != null;
            delta += (liveAfter ? 1 : 0) - (liveBefore ? 1 : 0);
        }
        return delta;
    }

    /** True when no write is buffered. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The number of distinct keys written, over all keyspaces. */
    public int size() {
        return size;
    }

    /** True when some write to {@code keyspace} is buffered. */
    public boolean hasWrites(String keyspace) {
        ConcurrentSkipListMap<byte[], Write> map = keyspaces.get(keyspace);
        return map != null && !map.isEmpty();
    }

    /** The keyspaces written to, sorted. */
    public Set<String> keyspaces() {
        return Collections.unmodifiableSet(keyspaces.navigableKeySet());
    }

    /** The latest write of each key of {@code keyspace}, sorted by key (read-only view). */
    public NavigableMap<byte[], Write> writes(String keyspace) {
        ConcurrentSkipListMap<byte[], Write> map = keyspaces.get(keyspace);
        return map == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(map);
    }

    /** Visits the latest write of every key, keyspace by keyspace, in key order. */
    public void forEach(Visitor visitor) {
        keyspaces.forEach((ks, map) -> map.forEach((key, w) -> visitor.visit(ks, key, w)));
    }

    /** Discards every buffered write. */
    public void clear() {
        keyspaces.clear();
        size = 0;
    }

    // Hooks for OverlayCursor: the set's version at opening, and how many cursors need history.

    ConcurrentSkipListMap<byte[], Write> map(String keyspace) {
        return keyspaces.get(keyspace);
    }

    long openCursor() {
        openCursors++;
        return version;
    }

    void closeCursor() {
        openCursors--;
    }
}
