package dev.oxistore.cli.bench;

import dev.oxistore.cli.term.ProgressBar;
import dev.oxistore.workload.Operation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs operations {@code 0 .. total-1} on a number of threads, thread {@code t} taking indexes
 * {@code t, t + threads, ...} so that the threads move through the planned sequence together.
 * Each thread times each operation into its own histograms (no sharing while measuring); they
 * are merged at the end. The first failure stops every thread and is rethrown.
 */
final class PhaseRunner {

    /** Performs operation {@code index} and says which kind it was. Called from many threads. */
    @FunctionalInterface
    interface Step {
        Operation perform(int index);
    }

    private static final int SIGNIFICANT_DIGITS = 3;

    private PhaseRunner() {
    }

    static PhaseResult run(String phase, int total, int threads, Step step, ProgressBar progress, LongSupplier misses) {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Map<Operation, Histogram>> perThread = new ArrayList<>(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t;
            Map<Operation, Histogram> mine = new EnumMap<>(Operation.class);
            perThread.add(mine);
            workers[t] = Thread.ofPlatform().name("bench-" + phase + "-" + t).unstarted(() -> {
                try {
                    start.await();
                    for (int i = first; i < total && failure.get() == null; i += threads) {
                        long t0 = System.nanoTime();
                        Operation op = step.perform(i);
                        long dt = System.nanoTime() - t0;
                        mine.computeIfAbsent(op, k -> new Histogram(SIGNIFICANT_DIGITS)).recordValue(dt);
                        progress.add(1);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers[t].start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                Thread.currentThread().interrupt();
            }
        }
        long nanos = System.nanoTime() - began;
        progress.close();
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        } else if (f instanceof Error err) {
            throw err;
        } else if (f != null) {
            throw new IllegalStateException(phase + " interrupted", f);
        }
        Histogram all = new Histogram(SIGNIFICANT_DIGITS);
        Map<Operation, Histogram> byOp = new EnumMap<>(Operation.class);
        for (Map<Operation, Histogram> m : perThread) {
            m.forEach((op, h) -> {
                all.add(h);
                byOp.computeIfAbsent(op, k -> new Histogram(SIGNIFICANT_DIGITS)).add(h);
            });
        }
        return new PhaseResult(phase, nanos, all, byOp, misses.getAsLong());
    }
}
