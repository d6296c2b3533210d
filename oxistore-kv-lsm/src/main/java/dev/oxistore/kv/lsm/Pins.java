package dev.oxistore.kv.lsm;

import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers that open snapshots and transactions read at. Compaction keeps, for each
 * user key, the newest version at or below each pinned number (and below the visible one), and
 * drops a tombstone only when no pin is older than it.
 */
final class Pins {

    private final TreeMap<Long, Integer> pins = new TreeMap<>();

    /** Pins the number {@code visible} reads now and returns it (atomically with respect to {@link #horizon}). */
    synchronized long pinCurrent(java.util.function.LongSupplier visible) {
        long seq = visible.getAsLong();
        pins.merge(seq, 1, Integer::sum);
        return seq;
    }

    /**
     * The numbers a compaction must serve, ascending: every pin and the visible number, read
     * together so no pin can slip in between.
     */
    synchronized long[] horizon(java.util.function.LongSupplier visible) {
        long v = visible.getAsLong();
        java.util.TreeSet<Long> all = new java.util.TreeSet<>(pins.keySet());
        all.add(v);
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    synchronized void release(long seq) {
        pins.computeIfPresent(seq, (k, v) -> v == 1 ? null : v - 1);
    }

    synchronized int size() {
        int n = 0;
        for (Map.Entry<Long, Integer> e : pins.entrySet()) {
            n += e.getValue();
        }
        return n;
    }
}
