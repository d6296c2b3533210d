package dev.oxistore.cli.bench;

import dev.oxistore.workload.Operation;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one phase measured.
 *
 * @param phase     "load" or "run"
 * @param nanos     wall-clock time from the start of the first thread to the end of the last
 * @param all       latency of every operation, in nanoseconds
 * @param byOp      latency per operation kind, in nanoseconds (kinds that ran only)
 * @param misses    reads that found no value
 */
record PhaseResult(String phase, long nanos, Histogram all, Map<Operation, Histogram> byOp, long misses) {

    /** Operations done. */
    long ops() {
        return all.getTotalCount();
    }

    /** Operations per second over the wall-clock time. */
    double opsPerSecond() {
        return nanos == 0 ? 0 : ops() * 1e9 / nanos;
    }
}
