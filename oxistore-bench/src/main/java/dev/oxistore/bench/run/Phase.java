package dev.oxistore.bench.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Times operations {@code 0 .. total-1} on {@code threads} threads, thread {@code t} taking
 * {@code t, t + threads, ...}, each into its own histogram (merged at the end, so threads never
 * share one while measuring). A time cap stops every thread early; the first failure stops them
 * all and is rethrown.
 */
final class Phase {

    /** Operation {@code i}; returns 1 when a read found a value, else 0. */
    @FunctionalInterface
    interface Op {
        int perform(int i);
    }

    /**
     * Work beside the timed threads until they end, e.g. readwhilewriting's writer. It polls
     * {@code stop} (never interrupted: an interrupt closes a {@code FileChannel} under a store).
     */
    @FunctionalInterface
    interface Background {
        void run(BooleanSupplier stop);
    }

    /** What a phase measured. */
    record Timing(long ops, long nanos, Histogram latency, long found) {
    }

    private static final int SIGNIFICANT_DIGITS = 3;

    private Phase() {
    }

    static Timing run(int total, int threads, double maxSeconds, Op op) {
        return run(total, threads, maxSeconds, op, null);
    }

    /** As {@link #run(int, int, double, Op)}, with {@code background} running until the timed threads end. */
    static Timing run(int total, int threads, double maxSeconds, Op op, Background background) {
        long deadline = maxSeconds > 0 ? (long) (maxSeconds * 1e9) : Long.MAX_VALUE;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Histogram[] hists = new Histogram[threads];
        long[][] counts = new long[threads][2];
        Thread[] workers = new Thread[threads];
        long[] began = new long[1];
        for (int t = 0; t < threads; t++) {
            int first = t;
            Histogram h = new Histogram(SIGNIFICANT_DIGITS);
            hists[t] = h;
            workers[t] = Thread.ofPlatform().name("bench-" + t).unstarted(() -> {
                long done = 0;
                long found = 0;
                try {
                    start.await();
                    long t0 = began[0];
                    for (int i = first; i < total; i += threads) {
                        long s = System.nanoTime();
                        found += op.perform(i);
                        long e = System.nanoTime();
                        h.recordValue(e - s);
                        done++;
                        if ((done & 255) == 0 && (failure.get() != null || e - t0 > deadline)) {
                            break;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                counts[first][0] = done;
                counts[first][1] = found;
            });
            workers[t].start();
        }
        Thread bg = null;
        began[0] = System.nanoTime();
        start.countDown();
        AtomicBoolean stop = new AtomicBoolean();
        if (background != null) {
            bg = Thread.ofPlatform().name("bench-background").start(() -> {
                try {
                    background.run(stop::get);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        joinAll(workers, failure);
        long nanos = System.nanoTime() - began[0];
        if (bg != null) {
            stop.set(true);
            joinAll(new Thread[] {bg}, failure);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        } else if (f instanceof Error err) {
            throw err;
        } else if (f != null) {
            throw new IllegalStateException("benchmark thread interrupted", f);
        }
        Histogram all = new Histogram(SIGNIFICANT_DIGITS);
        long ops = 0;
        long found = 0;
        for (int t = 0; t < threads; t++) {
            all.add(hists[t]);
            ops += counts[t][0];
            found += counts[t][1];
        }
        return new Timing(ops, nanos, all, found);
    }

    private static void joinAll(Thread[] threads, AtomicReference<Throwable> failure) {
        for (Thread w : threads) {
            try {
                w.join();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                Thread.currentThread().interrupt();
            }
        }
    }
}
