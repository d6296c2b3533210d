package dev.oxistore.bench.run;

import dev.oxistore.bench.driver.Driver;
import dev.oxistore.bench.driver.DriverConfig;
import dev.oxistore.bench.driver.Peer;
import dev.oxistore.bench.driver.Peers;
import dev.oxistore.kv.Durability;
import dev.oxistore.workload.Distribution;
import dev.oxistore.workload.Keys;
import dev.oxistore.workload.Operation;
import dev.oxistore.workload.Order;
import dev.oxistore.workload.Plan;
import dev.oxistore.workload.Values;
import dev.oxistore.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a {@link BenchConfig}: every repetition runs every store through the chosen benchmarks,
 * the stores in a rotated order each repetition so no store always runs first (or last) in a warm
 * or cluttered JVM. Keys, values, orders and YCSB plans are made once, before any clock starts,
 * and shared by every store, so each does exactly the same work. A store that fails to open (a
 * native library that does not load on this JDK, say) gets {@code failed: ...} results and the run
 * goes on; so does a benchmark that throws.
 */
public final class Runner {

    /** Entries each seekrandom operation reads after its seek (db_bench's {@code seek_nexts}). */
    static final int SEEK_NEXTS = 10;

    private final BenchConfig config;
    private final Path workDir;
    private final PrintStream progress;

    private final Keys keys;
    private final Keys missingKeys;
    private final Values values;
    private final int[] fillOrder;
    private final int[] overwriteOrder;
    private final byte[][] readKeys;
    private final int[] seekOrder;
    private final int[] deleteOrder;
    private final Map<Bench, Plan> plans = new EnumMap<>(Bench.class);
    private final Keys ycsbKeys;

    /** Prepares every key, value, order and plan of {@code config}; stores go in subdirectories of {@code workDir}. */
    public Runner(BenchConfig config, Path workDir, PrintStream progress) {
        this.config = config;
        this.workDir = workDir;
        this.progress = progress;
        long seed = config.seed();
        int n = config.keys();
        keys = Keys.ordered(n, config.keySize(), 2, 0);
        missingKeys = Keys.ordered(n, config.keySize(), 2, 1);
        values = Values.of(config.valueSize(), seed);
        fillOrder = Order.shuffled(n, seed + 1);
        overwriteOrder = Order.uniform(Math.max(config.writes(), 1), n, seed + 2);
        int[] reads = Order.uniform(config.reads(), n, seed + 3);
        SplittableRandom miss = new SplittableRandom(seed + 4);
        readKeys = new byte[reads.length][];
        for (int i = 0; i < reads.length; i++) {
            readKeys[i] = miss.nextDouble() < config.missRatio() ? missingKeys.key(reads[i]) : keys.key(reads[i]);
        }
        seekOrder = Order.uniform(config.reads(), n, seed + 5);
        deleteOrder = Order.shuffled(n, seed + 6);
        long loaded = n;
        for (Bench b : Bench.values()) {
            if (b.ycsb() != null && config.benches().contains(b)) {
                Workload w = b.ycsb();
                Distribution d = config.distribution() != null ? config.distribution() : w.defaultDistribution();
                Plan p = Plan.generate(w, d, loaded, config.reads(), seed + 10 + b.ordinal());
                plans.put(b, p);
                loaded = p.totalRecords();
            }
        }
        ycsbKeys = needs(Bench.Group.YCSB) ? Keys.hashed(Math.toIntExact(loaded), config.keySize()) : null;
    }

    /** Runs the matrix and returns every result, in the order they were measured. */
    public List<Result> run() {
        List<Result> results = new ArrayList<>();
        List<String> stores = config.stores();
        // Warm-up repetitions (numbered below 0) are run and thrown away: a run of small
        // benchmarks otherwise measures the JIT compiling each store's code as much as the store.
        for (int w = config.warmups(); w > 0; w--) {
            for (String store : stores) {
                runStore(store, -w);
            }
        }
        for (int rep = 0; rep < config.repetitions(); rep++) {
            for (int s = 0; s < stores.size(); s++) {
                String store = stores.get((s + rep) % stores.size());
                results.addAll(runStore(store, rep));
            }
        }
        return results;
    }

    private boolean needs(Bench.Group g) {
        return config.benches().stream().anyMatch(b -> b.group() == g);
    }

    private List<Result> runStore(String name, int rep) {
        List<Result> out = new ArrayList<>();
        Peer peer;
        try {
            peer = Peers.byName(name);
        } catch (RuntimeException e) {
            for (Bench b : config.benches()) {
                out.add(Result.notRun(name, b, rep, "failed: " + e.getMessage()));
            }
            return out;
        }
        for (Bench.Group g : Bench.Group.values()) {
            if (needs(g)) {
                runGroup(peer, g, rep, out);
            }
        }
        return out;
    }

    private void runGroup(Peer peer, Bench.Group group, int rep, List<Result> out) {
        List<Bench> chosen = config.benches().stream().filter(b -> b.group() == group).toList();
        if (group == Bench.Group.FILLSYNC && !peer.persistent()) {
            chosen.forEach(b -> out.add(Result.notRun(peer.name(), b, rep, "n/a: in memory, nothing to fsync")));
            return;
        }
        Path dir = workDir.resolve(peer.name() + "-" + group.name().toLowerCase(Locale.ROOT) + "-" + rep);
        DiskStats.delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Durability durability = group == Bench.Group.FILLSYNC ? Durability.SYNC : config.durability();
        long expected = group == Bench.Group.YCSB ? ycsbKeys.size() : config.keys();
        Driver driver;
        try {
            driver = peer.open(dir, new DriverConfig(durability, expected, config.keySize(), config.valueSize()));
        } catch (Throwable e) { // LinkageError too: a native peer that does not load on this JDK
            String why = "failed: cannot start " + peer.name() + ": " + describe(e);
            progress.println("  " + peer.name() + ": " + why);
            chosen.forEach(b -> out.add(Result.notRun(peer.name(), b, rep, why)));
            DiskStats.delete(dir);
            return;
        }
        Context ctx = new Context(peer, driver, dir, rep, out);
        try {
            switch (group) {
                case FILLSEQ -> ctx.measure(Bench.FILLSEQ, true, config.keys(), 1,
                        i -> put(driver, keys.key(i), i), config.keys());
                case FILLSYNC -> {
                    int n = Math.min(config.syncWrites(), config.keys());
                    ctx.measure(Bench.FILLSYNC, true, n, 1, i -> put(driver, keys.key(fillOrder[i]), i), n);
                }
                case DB -> runDb(ctx, chosen);
                case YCSB -> runYcsb(ctx, chosen);
            }
        } catch (RuntimeException | Error e) {
            String why = "failed: " + describe(e);
            progress.println("  " + peer.name() + ": " + why);
            for (Bench b : chosen) {
                if (out.stream().noneMatch(r -> r.store().equals(peer.name()) && r.bench() == b && r.repetition() == rep)) {
                    out.add(Result.notRun(peer.name(), b, rep, why));
                }
            }
        } finally {
            try {
                driver.close();
            } catch (RuntimeException e) {
                progress.println("  " + peer.name() + ": close failed: " + describe(e));
            }
            DiskStats.delete(dir);
        }
    }

    private void runDb(Context ctx, List<Bench> chosen) {
        Driver d = ctx.driver;
        int n = config.keys();
        ctx.measure(Bench.FILLRANDOM, chosen.contains(Bench.FILLRANDOM), n, 1, i -> put(d, keys.key(fillOrder[i]), i), n);
        EnumSet<Bench> want = EnumSet.copyOf(chosen);
        if (want.contains(Bench.OVERWRITE)) {
            ctx.measure(Bench.OVERWRITE, true, config.writes(), 1, i -> put(d, keys.key(overwriteOrder[i]), i + 1), n);
        }
        if (want.contains(Bench.READRANDOM)) {
            ctx.measure(Bench.READRANDOM, true, readKeys.length, config.threads(), i -> found(d.get(readKeys[i])), n);
        }
        for (Bench scan : List.of(Bench.READSEQ, Bench.READREVERSE)) {
            if (want.contains(scan)) {
                ctx.scan(scan, n);
            }
        }
        if (want.contains(Bench.SEEKRANDOM)) {
            ctx.ordered(Bench.SEEKRANDOM, () -> ctx.measure(Bench.SEEKRANDOM, true, seekOrder.length, config.threads(),
                    i -> d.seek(keys.key(seekOrder[i]), SEEK_NEXTS + 1) > 0 ? 1 : 0, n));
        }
        if (want.contains(Bench.READWHILEWRITING)) {
            ctx.readWhileWriting(n);
        }
        if (want.contains(Bench.DELETERANDOM)) {
            ctx.measure(Bench.DELETERANDOM, true, n, 1, i -> {
                d.delete(keys.key(deleteOrder[i]));
                return 0;
            }, 0);
        }
    }

    private void runYcsb(Context ctx, List<Bench> chosen) {
        Driver d = ctx.driver;
        int n = config.keys();
        ctx.measure(Bench.YCSB_LOAD, chosen.contains(Bench.YCSB_LOAD), n, 1, i -> put(d, ycsbKeys.key(i), i), n);
        long live = n;
        for (Bench b : Bench.values()) {
            Plan plan = plans.get(b);
            if (plan == null) {
                continue;
            }
            long after = live + plan.inserts();
            Runnable run = () -> ctx.measure(b, true, plan.size(), config.threads(), i -> ycsbOp(d, plan, i), after);
            if (b.needsOrder()) {
                ctx.ordered(b, run);
            } else {
                run.run();
            }
            live = after;
        }
    }

    private int ycsbOp(Driver d, Plan plan, int i) {
        byte[] key = ycsbKeys.key(plan.record(i));
        Operation op = plan.op(i);
        return switch (op) {
            case READ -> found(d.get(key));
            case UPDATE, INSERT -> put(d, key, i);
            case SCAN -> d.seek(key, plan.scanLength(i)) > 0 ? 1 : 0;
            case READ_MODIFY_WRITE -> {
                int f = found(d.get(key));
                put(d, key, i + 7);
                yield f;
            }
        };
    }

    /**
     * Writes operation {@code i}'s value under {@code key}, both as arrays of their own, made for
     * this write: an application's keys and values come from a request or a decoder, not from one
     * long-lived table. A store may keep the arrays it is handed (raw MVStore, the hash maps) or
     * must copy them (our engines, by contract); handed the runner's pre-built arrays, a keeping
     * store's pages would point into one packed table while a copying one's point to scattered
     * copies, and the runner's memory layout, not the store, would decide part of the ratio.
     */
    private int put(Driver d, byte[] key, long i) {
        d.put(key.clone(), values.value(i).clone());
        return 0;
    }

    private static int found(byte[] value) {
        return value == null ? 0 : 1;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    /** One open store: measures benchmarks on it and records their results. */
    private final class Context {

        final Peer peer;
        final Driver driver;
        final Path dir;
        final int rep;
        final List<Result> out;

        Context(Peer peer, Driver driver, Path dir, int rep, List<Result> out) {
            this.peer = peer;
            this.driver = driver;
            this.dir = dir;
            this.rep = rep;
            this.out = out;
        }

        /** Times {@code total} operations; records the result when {@code report}. */
        void measure(Bench b, boolean report, int total, int threads, Phase.Op op, long liveKeys) {
            start(b, report);
            long w0 = peer.persistent() ? DiskStats.writeBytes() : -1;
            long c0 = DiskStats.processCpuNanos();
            // the loads later benchmarks read are never cut short
            double cap = b == Bench.FILLRANDOM || b == Bench.YCSB_LOAD ? 0 : config.maxSeconds();
            Phase.Timing t = Phase.run(total, threads, cap, op);
            finish(b, report, t, w0, c0, liveKeys, "");
        }

        void scan(Bench b, int liveKeys) {
            ordered(b, () -> {
                start(b, true);
                long w0 = peer.persistent() ? DiskStats.writeBytes() : -1;
                long c0 = DiskStats.processCpuNanos();
                long t0 = System.nanoTime();
                long entries = driver.scanAll(b == Bench.READREVERSE);
                long nanos = System.nanoTime() - t0;
                finish(b, true, new Phase.Timing(entries, nanos, null, entries), w0, c0, liveKeys, "");
            });
        }

        void readWhileWriting(int liveKeys) {
            start(Bench.READWHILEWRITING, true);
            long w0 = peer.persistent() ? DiskStats.writeBytes() : -1;
            long c0 = DiskStats.processCpuNanos();
            long[] writes = {0};
            Phase.Timing t = Phase.run(readKeys.length, config.threads(), config.maxSeconds(),
                    i -> found(driver.get(readKeys[i])),
                    stop -> {
                        for (int i = 0; !stop.getAsBoolean(); i++) {
                            put(driver, keys.key(overwriteOrder[i % overwriteOrder.length]), i + 3);
                            writes[0]++;
                        }
                    });
            double wps = t.nanos() > 0 ? writes[0] * 1e9 / t.nanos() : 0;
            finish(Bench.READWHILEWRITING, true, t, w0, c0, liveKeys,
                    String.format(Locale.ROOT, "%d readers; writer did %,d writes (%,.0f/s)", config.threads(), writes[0], wps));
        }

        /** Runs {@code body} on an ordered store; records {@code n/a} on a hash map. */
        void ordered(Bench b, Runnable body) {
            if (!peer.ordered()) {
                out.add(Result.notRun(peer.name(), b, rep, "n/a: point operations only"));
                return;
            }
            try {
                body.run();
            } catch (UnsupportedOperationException e) {
                progress.println(" n/a: " + describe(e));
                out.add(Result.notRun(peer.name(), b, rep, "n/a: " + describe(e)));
            }
        }

        private void start(Bench b, boolean report) {
            // untimed: every store starts each benchmark from a collected heap, so garbage left by
            // the previous store or benchmark (and, for MVStore, whose page cache keeps evicted
            // pages only weakly, a collection landing mid-run) does not decide the comparison
            System.gc();
            progress.printf(Locale.ROOT, "[%s] %-10s %-16s",
                    rep < 0 ? "warm-up" : (rep + 1) + "/" + config.repetitions(), peer.name(),
                    report ? b.label() : "(" + b.label() + ")");
            progress.flush();
        }

        private void finish(Bench b, boolean report, Phase.Timing t, long w0, long c0, long liveKeys, String note) {
            long c1 = DiskStats.processCpuNanos(); // before the untimed flush
            if (w0 >= 0 && (b.writes() || b.ycsb() != null || b == Bench.DELETERANDOM || b == Bench.READWHILEWRITING)) {
                driver.flush(); // not timed: so what a store buffered counts in its bytes written
            }
            long written = w0 < 0 ? -1 : Math.max(0, DiskStats.writeBytes() - w0);
            long entry = config.keySize() + config.valueSize();
            long user = b.writes() || b == Bench.YCSB_LOAD ? t.ops() * entry : 0;
            if (b.ycsb() != null) {
                user = 0; // mixed: reported as bytes written only
            }
            long size = peer.persistent() ? DiskStats.sizeOf(dir) : -1;
            double rate = t.nanos() > 0 ? t.ops() * 1e9 / t.nanos() : 0;
            progress.printf(Locale.ROOT, " %,12d ops %,14.0f ops/s%s%n", t.ops(), rate,
                    t.latency() == null ? "" : String.format(Locale.ROOT, "  p99 %,.1f us", t.latency().getValueAtPercentile(99) / 1e3));
            if (report) {
                out.add(new Result(peer.name(), b, rep, "ok", t.ops(), t.nanos(), c0 < 0 ? -1 : c1 - c0, t.latency(), t.found(), written, user,
                        size, liveKeys * entry, note));
            }
        }
    }
}
