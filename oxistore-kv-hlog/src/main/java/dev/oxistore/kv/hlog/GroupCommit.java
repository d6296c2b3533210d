package dev.oxistore.kv.hlog;

import dev.oxistore.kv.StoreIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of {@code Durability.SYNC} and {@code FLUSH} writes onto CPR checkpoints
 * (leader/follower; the checkpointer decides whether the checkpoint is fsynced). A writer
 * whose change is applied takes a ticket; the first waiter without a running checkpoint leads: it
 * notes the newest ticket, takes one checkpoint and credits every ticket up to that one, so all
 * writers that finished before the checkpoint began share it. The others wait for a checkpoint
 * that covers their ticket, and lead the next one if the current one began before their write
 * finished.
 *
 * <p>A checkpoint taken elsewhere (flush, close, the periodic one) credits the tickets issued
 * before it began through {@link #checkpoint(Runnable)}. Correctness rests on one CPR property: a
 * checkpoint makes durable every operation that completed before it began.
 */
final class GroupCommit {

    private final Runnable checkpointer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private long issued;        // tickets handed out
    private long durable;       // every ticket <= this is covered by a finished checkpoint
    private long failedThrough; // tickets <= this (and > durable) had their checkpoint fail
    private RuntimeException failure;
    private boolean leading;
    private long checkpoints;

    /** {@code checkpointer} takes one checkpoint for waiting writers, or throws. */
    GroupCommit(Runnable checkpointer) {
        this.checkpointer = checkpointer;
    }

    /**
     * A ticket for a write that is applied: take it after the write completes and before releasing
     * the lock that keeps {@code close()} out, so a closing checkpoint credits it.
     */
    long ticket() {
        lock.lock();
        try {
            return ++issued;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once a checkpoint begun after {@code ticket} was taken is durable; call it outside
     * any lock a checkpoint needs.
     *
     * @throws StoreIOException when the checkpoint that had to cover the write failed (the write is
     *                          applied in memory but may be lost on a crash)
     */
    void awaitDurable(long ticket) {
        lock.lock();
        try {
            for (;;) {
                if (durable >= ticket) {
                    return;
                }
                if (failedThrough >= ticket) {
                    throw new StoreIOException("the write is applied but could not be made durable (its checkpoint "
                            + "failed: " + failure.getMessage() + "); it may be lost on a crash: check the disk and "
                            + "call flush()", failure);
                }
                if (leading) {
                    settled.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code checkpoint} now (flush, close: at least as strong as the writers' checkpointer)
     * and credits every ticket issued before it began.
     */
    void checkpoint(Runnable checkpoint) {
        long target;
        lock.lock();
        try {
            target = issued;
        } finally {
            lock.unlock();
        }
        checkpoint.run();
        lock.lock();
        try {
            credit(target);
        } finally {
            lock.unlock();
        }
    }

    /** Checkpoints taken for waiting writers (for tests and metrics). */
    long groupCheckpoints() {
        lock.lock();
        try {
            return checkpoints;
        } finally {
            lock.unlock();
        }
    }

    /** Tickets handed out so far (for tests). */
    long issued() {
        lock.lock();
        try {
            return issued;
        } finally {
            lock.unlock();
        }
    }

    // called with the lock held; releases it during the checkpoint
    private void lead() {
        leading = true;
        long target = issued;
        RuntimeException failed = null;
        lock.unlock();
        try {
            checkpointer.run();
        } catch (RuntimeException e) {
            failed = e;
        } finally {
            lock.lock();
            leading = false;
            checkpoints++;
            if (failed == null) {
                credit(target);
            } else {
                failure = failed;
                failedThrough = Math.max(failedThrough, target);
            }
            settled.signalAll();
        }
    }

    private void credit(long target) {
        if (target > durable) {
            durable = target;
            settled.signalAll();
        }
    }
}
