package dev.oxistore.kv.memory;

import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sequence numbers pinned by open snapshots, transactions, store cursors and {@code getAll}
 * calls: reclamation keeps, besides each key's newest version, exactly the versions that some
 * pin sees ({@link VersionChain#prune}).
 *
 * <p>Pinning is lock-free: read the visible sequence number, register a pin for it, and check
 * it is still the visible one. A committer reads the pins under the commit lock, after making
 * its commit visible, and the visible number cannot move while it prunes; if it missed a pin
 * being registered, that pin is for the number visible during its pruning (which sees each key's
 * newest version, always kept: safe), or the re-check fails and the reader pins again.
 */
final class PinRegistry {

    /** A pinned sequence number; {@code id} keeps pins of the same number apart. */
    record Pin(long seq, long id) implements Comparable<Pin> {
        @Override
        public int compareTo(Pin o) {
            int c = Long.compare(seq, o.seq);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private final ConcurrentSkipListSet<Pin> pins = new ConcurrentSkipListSet<>();
    private final AtomicLong ids = new AtomicLong();
    private final Committer committer;

    PinRegistry(Committer committer) {
        this.committer = committer;
    }

    /** Pins the visible sequence number. Release the pin exactly once. */
    Pin pin() {
        for (;;) {
            long seq = committer.visibleSeq();
            Pin p = new Pin(seq, ids.incrementAndGet());
            pins.add(p);
            if (committer.visibleSeq() == seq) {
                return p;
            }
            pins.remove(p);
        }
    }

    void release(Pin pin) {
        pins.remove(pin);
    }

    /** The pinned sequence numbers now, given the visible one (call under the commit lock). */
    PinSet current(long visibleSeq) {
        if (pins.isEmpty()) {
            return PinSet.none(visibleSeq);
        }
        long[] seqs = new long[8];
        int n = 0;
        for (Pin p : pins) { // ascending, so duplicates are adjacent
            if (n > 0 && seqs[n - 1] == p.seq()) {
                continue;
            }
            if (n == seqs.length) {
                seqs = Arrays.copyOf(seqs, n * 2);
            }
            seqs[n++] = p.seq();
        }
        return n == 0 ? PinSet.none(visibleSeq) : new PinSet(Arrays.copyOf(seqs, n), Math.min(seqs[0], visibleSeq));
    }

    /**
     * The distinct pinned sequence numbers, ascending, and the horizon: the oldest of them, or
     * the visible number when nothing is pinned.
     */
    record PinSet(long[] seqs, long horizon) {
        private static final long[] EMPTY = new long[0];

        static PinSet none(long visibleSeq) {
            return new PinSet(EMPTY, visibleSeq);
        }

        /** True when some pin lies in {@code [from, to)}. */
        boolean anyIn(long from, long to) {
            int i = Arrays.binarySearch(seqs, from);
            int at = i >= 0 ? i : -i - 1; // the first pin >= from
            return at < seqs.length && seqs[at] < to;
        }
    }

    int size() {
        return pins.size();
    }

    void clear() {
        pins.clear();
    }
}
