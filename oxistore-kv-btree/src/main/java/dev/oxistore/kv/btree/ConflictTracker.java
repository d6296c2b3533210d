package dev.oxistore.kv.btree;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Write-write conflict detection for snapshot-isolation transactions (first committer wins).
 *
 * <p>Every key written at commit sequence {@code s} is remembered with {@code s} for as long as a
 * transaction that started before {@code s} could still commit. A transaction that started at
 * sequence {@code t} conflicts when a key it writes was written at a sequence greater than
 * {@code t}, or its keyspace was dropped after {@code t}. Comparing sequence numbers rather than
 * values also catches a write that put back the old value.
 *
 * <p>Entries older than the oldest running transaction, and older than the published view (the
 * start point of any transaction that begins later), are pruned. When more than
 * {@value #MAX_ENTRIES} (by default) writes pile up behind a long transaction, the oldest are dropped and any
 * transaction that started before them gets a (retryable) conflict instead of a missed one.
 *
 * <p>Threading: {@link #record}, {@link #conflict} and {@link #prune} run under the store's apply
 * lock; {@link #begin} and {@link #end} synchronise on a registry lock of their own.
 */
final class ConflictTracker {

    static final int MAX_ENTRIES = 1 << 20;

    private record KeyRef(String keyspace, byte[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyRef(String ks, byte[] k) && keyspace.equals(ks) && Arrays.equals(key, k);
        }

        @Override
        public int hashCode() {
            return keyspace.hashCode() * 31 + Arrays.hashCode(key);
        }
    }

    private record Written(KeyRef ref, long seq) {
    }

    private final int maxEntries;
    private final Object registry = new Object();
    private final TreeMap<Long, Integer> activeStarts = new TreeMap<>();
    private final AtomicInteger active = new AtomicInteger();

    private final HashMap<KeyRef, Long> lastWrite = new HashMap<>();
    private final ArrayDeque<Written> order = new ArrayDeque<>();
    private final HashMap<String, Long> dropped = new HashMap<>();
    private long horizon;

    ConflictTracker() {
        this(MAX_ENTRIES);
    }

    /** A tracker that remembers at most {@code maxEntries} writes behind the oldest transaction. */
    ConflictTracker(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Registers a transaction and returns the view it starts from (acquired by {@code acquire}). */
    View begin(Supplier<View> acquire) {
        synchronized (registry) {
            active.incrementAndGet();
            View v;
            try {
                v = acquire.get();
            } catch (RuntimeException | Error e) {
                active.decrementAndGet();
                throw e;
            }
            activeStarts.merge(v.seq, 1, Integer::sum);
            return v;
        }
    }

    /** Unregisters a transaction that started at {@code startSeq}. */
    void end(long startSeq) {
        synchronized (registry) {
            activeStarts.computeIfPresent(startSeq, (k, n) -> n == 1 ? null : n - 1);
            active.decrementAndGet();
        }
    }

    /** True when some transaction is running (writers then must record what they write). */
    boolean anyActive() {
        return active.get() > 0;
    }

    void record(String keyspace, byte[] key, long seq) {
        KeyRef ref = new KeyRef(keyspace, key);
        lastWrite.put(ref, seq);
        order.addLast(new Written(ref, seq));
    }

    void recordDrop(String keyspace, long seq) {
        dropped.put(keyspace, seq);
    }

    /**
     * Why a transaction that started at {@code startSeq} and writes {@code keys} cannot commit, or
     * null when it can.
     */
    String conflict(long startSeq, Map<String, ? extends Iterable<byte[]>> keys) {
        if (horizon > startSeq) {
            return "the transaction ran while more than " + maxEntries + " other writes were committed";
        }
        for (Map.Entry<String, ? extends Iterable<byte[]>> e : keys.entrySet()) {
            Long drop = dropped.get(e.getKey());
            if (drop != null && drop > startSeq) {
                return "keyspace '" + e.getKey() + "' was dropped after the transaction began";
            }
            for (byte[] key : e.getValue()) {
                Long w = lastWrite.get(new KeyRef(e.getKey(), key));
                if (w != null && w > startSeq) {
                    return "key " + dev.oxistore.kv.Bytes.hex(key) + " in keyspace '" + e.getKey()
                            + "' was written by another commit after the transaction began";
                }
            }
        }
        return null;
    }

    /** The number of writes remembered (for tests). */
    int remembered() {
        return order.size();
    }

    /** Forgets what no running or future transaction can conflict with; {@code publishedSeq} is the newest view's. */
    void prune(long publishedSeq) {
        if (order.isEmpty() && dropped.isEmpty()) {
            return;
        }
        long keepAfter;
        synchronized (registry) {
            keepAfter = activeStarts.isEmpty() ? publishedSeq : Math.min(publishedSeq, activeStarts.firstKey());
        }
        Written w;
        while ((w = order.peekFirst()) != null && (w.seq <= keepAfter || order.size() > maxEntries)) {
            order.pollFirst();
            if (w.seq > keepAfter) {
                horizon = Math.max(horizon, w.seq);
            }
            lastWrite.remove(w.ref, w.seq);
        }
        dropped.values().removeIf(s -> s <= keepAfter);
    }
}
