/**
 * The runner: the benchmarks ({@link dev.oxistore.bench.run.Bench}), their settings, the timed
 * phases (one HdrHistogram per thread), bytes written and size on disk, and the matrix of
 * repetitions x stores x benchmarks ({@link dev.oxistore.bench.run.Runner}).
 */
package dev.oxistore.bench.run;
