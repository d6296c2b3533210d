package dev.oxistore.kv.hlog.epoch;

import dev.oxistore.kv.CapacityExceededException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Epoch protection (FASTER's "light epoch"): a thread {@link #protect enters} an epoch before it
 * touches shared memory (log pages, index state) and {@link #unprotect leaves} it after; a state
 * change publishes its new state, then {@link #bumpEpoch(Runnable) bumps} the global epoch with an
 * action that runs only once every protected thread has moved past the epoch in which the change
 * was made. That is how a page frame is recycled without locks: the head address moves first, the
 * frame is zeroed in the deferred action, when no thread can still hold a pointer into it.
 *
 * <p>Slots are padded to a cache line each so that protecting is one uncontended volatile store.
 * A thread spinning while protected must call {@link #refresh} so deferred actions can progress.
 */
public final class LightEpoch {

    /** Protected slots available; a session holds one. */
    public static final int MAX_SLOTS = 126;
    private static final int PAD = 16; // 128 bytes per slot: no false sharing even with adjacent-line prefetch
    private static final int DRAIN_SLOTS = 64;
    private static final long FREE = Long.MAX_VALUE;
    private static final long CLAIMED = Long.MAX_VALUE - 1;

    private final AtomicLong current = new AtomicLong(1);
    private final AtomicLongArray local = new AtomicLongArray((MAX_SLOTS + 2) * PAD);
    private final AtomicIntegerArray owners = new AtomicIntegerArray(MAX_SLOTS);
    private final AtomicLongArray drainEpochs = new AtomicLongArray(DRAIN_SLOTS);
    private final AtomicReferenceArray<Runnable> drainActions = new AtomicReferenceArray<>(DRAIN_SLOTS);
    private volatile int drainCount;
    private final Object drainCountLock = new Object();

    /** Creates an epoch table with no protected threads. */
    public LightEpoch() {
        for (int i = 0; i < DRAIN_SLOTS; i++) {
            drainEpochs.set(i, FREE);
        }
    }

    /**
     * Reserves a slot for one thread-confined user (a session).
     *
     * @throws CapacityExceededException when {@value #MAX_SLOTS} slots are taken
     */
    public int acquireSlot() {
        for (int i = 0; i < MAX_SLOTS; i++) {
            if (owners.get(i) == 0 && owners.compareAndSet(i, 0, 1)) {
                return i;
            }
        }
        throw new CapacityExceededException("all " + MAX_SLOTS + " epoch slots are taken: close unused sessions");
    }

    /** Returns a slot reserved by {@link #acquireSlot()}; the slot must be unprotected. */
    public void releaseSlot(int slot) {
        local.set(index(slot), 0);
        owners.set(slot, 0);
    }

    private static int index(int slot) {
        return (slot + 1) * PAD;
    }

    /** Enters the current epoch in {@code slot}, running any deferred action that became safe. */
    public void protect(int slot) {
        local.set(index(slot), current.get());
        if (drainCount > 0) {
            drain(current.get());
        }
    }

    /** Moves {@code slot} to the current epoch (a protected thread calls it while it waits). */
    public void refresh(int slot) {
        protect(slot);
    }

    /** Leaves the epoch: the thread holds no pointers into shared memory any more. */
    public void unprotect(int slot) {
        local.set(index(slot), 0);
    }

    /** True when {@code slot} is inside an epoch. */
    public boolean isProtected(int slot) {
        return local.get(index(slot)) != 0;
    }

    /** The current global epoch. */
    public long currentEpoch() {
        return current.get();
    }

    /**
     * Increments the epoch and defers {@code action} until every thread protected now has left or
     * refreshed; the action runs on whichever thread finds it safe (possibly this one, now).
     */
    public void bumpEpoch(Runnable action) {
        long prior = current.getAndIncrement();
        for (int spins = 0; ; spins++) {
            for (int i = 0; i < DRAIN_SLOTS; i++) {
                if (drainEpochs.get(i) == FREE && drainEpochs.compareAndSet(i, FREE, CLAIMED)) {
                    drainActions.set(i, action);
                    synchronized (drainCountLock) {
                        drainCount++;
                    }
                    drainEpochs.set(i, prior);
                    drain(current.get());
                    return;
                }
            }
            drain(current.get());
            Thread.onSpinWait();
            if (spins > 1000) {
                Thread.yield();
            }
        }
    }

    /** The largest epoch no protected thread is still in: actions registered at or below it may run. */
    public long safeToReclaim(long currentEpoch) {
        long oldest = currentEpoch;
        for (int i = 0; i < MAX_SLOTS; i++) {
            long e = local.get(index(i));
            if (e != 0 && e < oldest) {
                oldest = e;
            }
        }
        return oldest - 1;
    }

    private void drain(long currentEpoch) {
        long safe = safeToReclaim(currentEpoch);
        for (int i = 0; i < DRAIN_SLOTS; i++) {
            long e = drainEpochs.get(i);
            if (e <= safe && drainEpochs.compareAndSet(i, e, CLAIMED)) {
                Runnable action = drainActions.getAndSet(i, null);
                drainEpochs.set(i, FREE);
                synchronized (drainCountLock) {
                    drainCount--;
                }
                action.run();
            }
        }
    }

    /**
     * Bumps the epoch and waits (unprotected) until every thread protected now has moved on: used by
     * the checkpoint to know that every operation begun before it has finished.
     */
    public void bumpAndWait() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        bumpEpoch(done::countDown);
        while (done.getCount() > 0) {
            drain(current.get());
            if (done.getCount() > 0) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    /**
     * Bumps the epoch and waits, refreshing {@code slot} (a protected thread's own), until every
     * other thread protected now has refreshed or left: every operation that was in flight has
     * finished. The caller's pointers into frames may be stale afterwards (its protection moved on).
     */
    public void bumpAndWaitProtected(int slot) {
        AtomicBoolean done = new AtomicBoolean();
        bumpEpoch(() -> done.set(true));
        while (!done.get()) {
            refresh(slot);
            Thread.onSpinWait();
        }
    }

    /** Actions still waiting for their epoch to become safe. */
    public int pendingActions() {
        return drainCount;
    }
}
