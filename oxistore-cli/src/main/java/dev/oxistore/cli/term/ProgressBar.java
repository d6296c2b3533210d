package dev.oxistore.cli.term;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A progress display on stderr, fed by a counter that worker threads bump. On a terminal it
 * redraws one line with {@code \r} a few times a second; elsewhere (a pipe, a log file) it prints
 * a line every few seconds instead. It stays silent for its quiet period, so quick jobs print
 * nothing, and when closed it prints a final line if it printed anything, or always when asked.
 *
 * <p>Known total: {@code load [#######.......] 45% 90,000/200,000 ops 123,456 ops/s ETA 0:03}.
 * Unknown total: {@code export: 90,000 entries, 123,456 entries/s}.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long TERMINAL_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final String label;
    private final String unit;
    private final long total;
    private final PrintWriter err;
    private final boolean terminal;
    private final long quietNanos;
    private final boolean alwaysFinal;
    private final LongAdder done = new LongAdder();
    private final long start = System.nanoTime();
    private final Thread drawer;
    private volatile boolean running = true;
    private boolean drawn;
    private int lastWidth;

    private ProgressBar(String label, String unit, long total, PrintWriter err, boolean terminal,
                        Duration quiet, boolean alwaysFinal) {
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.quietNanos = quiet.toNanos();
        this.alwaysFinal = alwaysFinal;
        this.drawer = Thread.ofPlatform().daemon().name("oxistore-progress").unstarted(this::drawLoop);
        drawer.start();
    }

    /** A bar towards {@code total} units that draws at once and always prints a final line. */
    public static ProgressBar of(String label, String unit, long total, PrintWriter err, boolean terminal) {
        return new ProgressBar(label, unit, total, err, terminal, Duration.ZERO, true);
    }

    /** A counter with no known total that shows up only once {@code quiet} has passed. */
    public static ProgressBar quiet(String label, String unit, PrintWriter err, boolean terminal, Duration quiet) {
        return new ProgressBar(label, unit, -1, err, terminal, quiet, false);
    }

    /** Records {@code n} more units done; thread-safe and cheap. */
    public void add(long n) {
        done.add(n);
    }

    /** Units done so far. */
    public long done() {
        return done.sum();
    }

    private void drawLoop() {
        long interval = terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
        long next = System.nanoTime() + Math.max(quietNanos, terminal ? 0 : interval);
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            draw(false);
            next += interval;
        }
    }

    private synchronized void draw(boolean last) {
        long n = done.sum();
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double rate = n / seconds;
        String line = total >= 0 ? bar(n, rate, last) : label + ": " + Units.count(n) + " " + unit + ", "
                + Units.count(Math.round(rate)) + " " + unit + "/s";
        if (terminal) {
            int pad = Math.max(0, lastWidth - line.length());
            err.print("\r" + line + " ".repeat(pad) + (last ? "\n" : ""));
            lastWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
        drawn = true;
    }

    private String bar(long n, double rate, boolean last) {
        double fraction = total == 0 ? 1 : Math.min(1.0, (double) n / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String tail = last ? "in " + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9)
                : "ETA " + (rate > 0 ? Units.clock(Math.round((total - n) / rate)) : "-:--");
        String counts = Units.count(n) + "/" + Units.count(total) + " " + unit;
        String rateText = Units.count(Math.round(rate)) + " " + unit + "/s";
        return terminal
                ? String.format(Locale.ROOT, "%-5s [%s%s] %3d%% %s %s %s", label, "#".repeat(filled),
                        ".".repeat(WIDTH - filled), Math.round(fraction * 100), counts, rateText, tail)
                : String.format(Locale.ROOT, "%s: %d%% (%s), %s, %s", label, Math.round(fraction * 100),
                        counts, rateText, tail);
    }

    /** Stops the display, printing the final state if anything was shown or the bar always ends with one. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        LockSupport.unpark(drawer);
        try {
            drawer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn || alwaysFinal) {
            draw(true);
        }
    }
}
