package dev.oxistore.encrypt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells {@link EncryptedKvStore#retire(int)} when no operation can still hold a value sealed
 * under the version it retires. Every operation that seals or opens values holds a lease on the
 * current epoch: point operations briefly, snapshots, transactions and cursors until closed.
 * {@link #advance} starts a new epoch and waits for the point operations of earlier epochs, so an
 * operation that read the old primary version or an old ciphertext has landed or failed by then;
 * it reports how many long-lived views of earlier epochs are still open, which retirement refuses
 * to outlive. Entering costs two volatile reads and an atomic increment.
 */
final class Leases {

    /** One epoch's open operations and views. */
    static final class Epoch {
        final AtomicLong ops = new AtomicLong();
        final AtomicLong views = new AtomicLong();
    }

    private volatile Epoch current = new Epoch();
    private final List<Epoch> earlier = new ArrayList<>(); // guarded by this

    /** Starts a point operation; pass the result to {@link #exitOp}. */
    Epoch enterOp() {
        return enter(true);
    }

    void exitOp(Epoch e) {
        e.ops.decrementAndGet();
    }

    /** Opens a snapshot, transaction or cursor; pass the result to {@link #exitView} when it closes. */
    Epoch enterView() {
        return enter(false);
    }

    void exitView(Epoch e) {
        e.views.decrementAndGet();
    }

    private Epoch enter(boolean op) {
        for (;;) {
            Epoch e = current;
            AtomicLong counter = op ? e.ops : e.views;
            counter.incrementAndGet();
            // Re-check after counting: an advance() that swapped the epoch in between may have
            // summed this epoch already, so count in the new one instead.
            if (e == current) {
                return e;
            }
            counter.decrementAndGet();
        }
    }

    /**
     * Starts a new epoch and waits up to {@code timeoutNanos} for every point operation of earlier
     * epochs to finish.
     *
     * @return the number of views of earlier epochs still open, or -1 on timeout
     */
    synchronized long advance(long timeoutNanos) {
        earlier.add(current);
        current = new Epoch();
        long deadline = System.nanoTime() + timeoutNanos;
        while (sum(true) > 0) {
            if (System.nanoTime() - deadline > 0) {
                return -1;
            }
            LockSupport.parkNanos(50_000);
        }
        long views = sum(false);
        earlier.removeIf(e -> e.ops.get() == 0 && e.views.get() == 0);
        return views;
    }

    private long sum(boolean ops) {
        long n = 0;
        for (Epoch e : earlier) {
            n += (ops ? e.ops : e.views).get();
        }
        return n;
    }
}
