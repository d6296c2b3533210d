package dev.oxistore.bench.report;

import dev.oxistore.bench.run.Bench;
import dev.oxistore.bench.run.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The medians over repetitions of one benchmark on one store, and pair ratios computed per
 * repetition. A median of an even count is the mean of the middle two.
 *
 * @param store        store name
 * @param bench        benchmark
 * @param runs         repetitions with a number
 * @param status       {@code ok}, or the first repetition's reason for having none
 * @param opsPerSecond median throughput
 * @param opsPerCpuSecond median operations per CPU-second of the JVM (0: unknown)
 * @param ops          median operations done
 * @param p50          median of the repetitions' p50 latency, ns (NaN: not timed per operation)
 * @param p99          same for p99
 * @param p999         same for p99.9
 * @param max          same for the maximum
 * @param found        median reads that found a value
 * @param bytesWritten median bytes written, or NaN
 * @param userBytes    median key and value bytes asked to be written
 * @param sizeOnDisk   median size on disk afterwards, or NaN
 * @param liveBytes    key and value bytes live afterwards
 * @param note         the last repetition's note
 */
public record Summary(String store, Bench bench, int runs, String status, double opsPerSecond, double opsPerCpuSecond,
                      double ops, double p50,
                      double p99, double p999, double max, double found, double bytesWritten, double userBytes,
                      double sizeOnDisk, long liveBytes, String note) {

    /** Write amplification (bytes written / bytes asked to write), or NaN. */
    public double writeAmplification() {
        return userBytes > 0 && bytesWritten >= 0 ? bytesWritten / userBytes : Double.NaN;
    }

    /** Space amplification (size on disk / live key and value bytes), or NaN. */
    public double spaceAmplification() {
        return liveBytes > 0 && sizeOnDisk >= 0 ? sizeOnDisk / liveBytes : Double.NaN;
    }

    /** True when at least one repetition produced a number. */
    public boolean ok() {
        return runs > 0;
    }

    /** One summary per (store, benchmark), in the order of {@code stores} then {@link Bench}. */
    public static List<Summary> of(List<Result> results, List<String> stores, List<Bench> benches) {
        List<Summary> out = new ArrayList<>();
        for (String s : stores) {
            for (Bench b : benches) {
                List<Result> mine = results.stream().filter(r -> r.store().equals(s) && r.bench() == b).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                List<Result> ok = mine.stream().filter(Result::ok).toList();
                if (ok.isEmpty()) {
                    out.add(new Summary(s, b, 0, mine.getFirst().status(), 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, 0, Double.NaN, 0, Double.NaN, 0, ""));
                    continue;
                }
                out.add(new Summary(s, b, ok.size(), "ok", median(ok, Result::opsPerSecond),
                        median(ok, Result::opsPerCpuSecond), median(ok, Result::ops),
                        latency(ok, 50), latency(ok, 99), latency(ok, 99.9), latency(ok, -1), median(ok, Result::found),
                        ok.getFirst().bytesWritten() < 0 ? Double.NaN : median(ok, Result::bytesWritten),
                        median(ok, Result::userBytes),
                        ok.getFirst().sizeOnDisk() < 0 ? Double.NaN : median(ok, Result::sizeOnDisk),
                        ok.getLast().liveBytes(), ok.getLast().note()));
            }
        }
        return out;
    }

    /**
     * For each benchmark, the ratio {@code a / b} of throughput in each repetition where both ran
     * (same process, same repetition, so the machine's load affects both alike), in repetition order.
     */
    public static Map<Bench, double[]> ratios(List<Result> results, String a, String b, List<Bench> benches) {
        return ratios(results, a, b, benches, Result::opsPerSecond);
    }

    /** As {@link #ratios(List, String, String, List)}, of {@code metric} (e.g. operations per CPU-second). */
    public static Map<Bench, double[]> ratios(List<Result> results, String a, String b, List<Bench> benches,
                                              ToDoubleFunction<Result> metric) {
        Map<Bench, double[]> out = new LinkedHashMap<>();
        for (Bench bench : benches) {
            List<Double> rs = new ArrayList<>();
            int reps = results.stream().mapToInt(Result::repetition).max().orElse(-1) + 1;
            for (int rep = 0; rep < reps; rep++) {
                Result ra = find(results, a, bench, rep);
                Result rb = find(results, b, bench, rep);
                if (ra != null && rb != null && ra.ok() && rb.ok() && metric.applyAsDouble(rb) > 0 && metric.applyAsDouble(ra) > 0) {
                    rs.add(metric.applyAsDouble(ra) / metric.applyAsDouble(rb));
                }
            }
            if (!rs.isEmpty()) {
                out.put(bench, rs.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return out;
    }

    private static Result find(List<Result> results, String store, Bench bench, int rep) {
        return results.stream().filter(r -> r.store().equals(store) && r.bench() == bench && r.repetition() == rep)
                .findFirst().orElse(null);
    }

    private static double latency(List<Result> ok, double percentile) {
        if (ok.getFirst().latency() == null) {
            return Double.NaN;
        }
        return median(ok, r -> percentile < 0 ? r.latency().getMaxValue() : r.latency().getValueAtPercentile(percentile));
    }

    private static double median(List<Result> rs, ToDoubleFunction<Result> f) {
        return median(rs.stream().mapToDouble(f).toArray());
    }

    /** The median of {@code xs} (NaN when empty). */
    public static double median(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
