package dev.oxistore.bench.run;

import org.HdrHistogram.Histogram;

/**
 * One benchmark on one store in one repetition.
 *
 * @param store        store name
 * @param bench        the benchmark
 * @param repetition   0-based repetition
 * @param status       {@code ok}, or why there is no number: {@code n/a: ...} (does not apply to
 *                     this store) or {@code failed: ...}
 * @param ops          operations done (entries read, for readseq and readreverse)
 * @param nanos        wall-clock time of the measured part
 * @param cpuNanos     CPU time the whole JVM used meanwhile (every thread: the store's background
 *                     threads, GC and JIT too), or -1 where the JVM cannot tell; on a shared machine
 *                     it varies far less than wall-clock time, as other processes' load is not in it
 * @param latency      per-operation latency in nanoseconds, or null (full scans time no single operation)
 * @param found        reads that found a value (read benchmarks), else 0
 * @param bytesWritten bytes the process wrote to storage meanwhile ({@code /proc/self/io}
 *                     {@code write_bytes}), or -1 where not measured
 * @param userBytes    key and value bytes the benchmark asked to write
 * @param sizeOnDisk   bytes of the store's files afterwards, or -1 for stores without files
 * @param liveBytes    key and value bytes of the live entries afterwards
 * @param note         extra facts (e.g. writes done by readwhilewriting's writer), or empty
 */
public record Result(String store, Bench bench, int repetition, String status, long ops, long nanos, long cpuNanos,
                     Histogram latency,
                     long found, long bytesWritten, long userBytes, long sizeOnDisk, long liveBytes, String note) {

    /** True when the benchmark ran to the end. */
    public boolean ok() {
        return status.equals("ok");
    }

    /** Operations per second, or 0 without a result. */
    public double opsPerSecond() {
        return ok() && nanos > 0 ? ops * 1e9 / nanos : 0;
    }

    /**
     * The shortest CPU time that gives a usable rate: Linux counts process CPU time in 10 ms
     * ticks, so below 0.5 s the rate is off by more than 2%.
     */
    public static final long MIN_CPU_NANOS = 500_000_000L;

    /** Operations per CPU-second of the whole JVM, or 0 without a result or with too little CPU time to tell. */
    public double opsPerCpuSecond() {
        return ok() && cpuNanos >= MIN_CPU_NANOS ? ops * 1e9 / cpuNanos : 0;
    }

    static Result notRun(String store, Bench bench, int rep, String status) {
        return new Result(store, bench, rep, status, 0, 0, -1, null, 0, -1, 0, -1, 0, "");
    }
}
