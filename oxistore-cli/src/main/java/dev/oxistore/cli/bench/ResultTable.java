package dev.oxistore.cli.bench;

import dev.oxistore.cli.term.Units;
import dev.oxistore.workload.Operation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Prints phase results as a table: throughput per phase, latency percentiles per phase and per operation. */
final class ResultTable {

    private static final String ROW = "%-10s %12s %9s %12s %10s %10s %10s %10s%n";

    private ResultTable() {
    }

    static void print(PrintWriter out, List<PhaseResult> phases) {
        out.printf(Locale.ROOT, ROW, "phase", "ops", "seconds", "ops/s", "p50 us", "p99 us", "p99.9 us", "max us");
        for (PhaseResult p : phases) {
            row(out, p.phase(), p.all(), String.format(Locale.ROOT, "%.3f", p.nanos() / 1e9),
                    Units.count(Math.round(p.opsPerSecond())));
            if (p.byOp().size() > 1 || (p.byOp().size() == 1 && !p.phase().equals("load"))) {
                for (Map.Entry<Operation, Histogram> e : p.byOp().entrySet()) {
                    row(out, "  " + e.getKey().label(), e.getValue(), "", "");
                }
            }
        }
        for (PhaseResult p : phases) {
            if (p.misses() > 0) {
                out.println(p.phase() + ": " + Units.count(p.misses()) + " reads found no value");
            }
        }
    }

    private static void row(PrintWriter out, String name, Histogram h, String seconds, String rate) {
        out.printf(Locale.ROOT, ROW, name, Units.count(h.getTotalCount()), seconds, rate,
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
