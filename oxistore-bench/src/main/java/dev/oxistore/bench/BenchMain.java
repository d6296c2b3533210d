package dev.oxistore.bench;

import dev.oxistore.bench.driver.Peers;
import dev.oxistore.bench.report.Machine;
import dev.oxistore.bench.report.Report;
import dev.oxistore.bench.run.Bench;
import dev.oxistore.bench.run.BenchConfig;
import dev.oxistore.bench.run.Result;
import dev.oxistore.bench.run.Runner;
import dev.oxistore.kv.Durability;
import dev.oxistore.workload.Distribution;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oxistore-bench}: runs db_bench and YCSB workloads against our engines and the peers, side
 * by side in one process, and writes a Markdown report with PNG charts. {@code oxistore-bench jmh
 * ...} runs the JMH micro-benchmarks instead (the arguments are JMH's).
 */
@Command(name = "oxistore-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs db_bench and YCSB workloads against OxiStore's engines and the peers (RocksDB, LMDB, "
                + "MVStore, Xodus, BDB JE, LevelDB-Java, Chronicle Map, ConcurrentHashMap) and writes NAME.md, NAME.csv "
                + "and PNG charts into --out. Progress goes to stderr.",
                "'oxistore-bench jmh [JMH options]' runs the JMH micro-benchmarks instead."})
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--preset", paramLabel = "quick|full|btree-vs-mvstore|lsm-vs-rocksdb|smoke",
            description = "Named settings (default: quick); the options below override them.")
    String preset = "quick";

    @Option(names = "--stores", split = ",", paramLabel = "NAME", description = "Stores to run (default: all; see --list).")
    List<String> stores;

    @Option(names = "--benchmarks", paramLabel = "LIST",
            description = "Comma-separated benchmarks, or db (db_bench's), ycsb, all (default: the preset's).")
    String benchmarks;

    @Option(names = "--keys", paramLabel = "N", description = "Keys the fills load (db_bench --num).")
    Integer keys;

    @Option(names = "--key-size", paramLabel = "BYTES", description = "Key size (default: the preset's, 16).")
    Integer keySize;

    @Option(names = "--value-size", paramLabel = "BYTES", description = "Value size (default: the preset's, 100).")
    Integer valueSize;

    @Option(names = "--reads", paramLabel = "N", description = "Operations per read benchmark and YCSB workload (default: as many as keys).")
    Integer reads;

    @Option(names = "--writes", paramLabel = "N", description = "Overwrites (default: as many as keys).")
    Integer writes;

    @Option(names = "--sync-writes", paramLabel = "N", description = "fsynced writes in fillsync (db_bench: 1000).")
    Integer syncWrites;

    @Option(names = "--threads", paramLabel = "N", description = "Client threads for reads and YCSB (default: 1).")
    Integer threads;

    @Option(names = "--miss-ratio", paramLabel = "R", description = "Share of readrandom's keys that are absent (default: 0.2).")
    Double missRatio;

    @Option(names = "--max-seconds", paramLabel = "S", description = "Time cap per benchmark, 0 for none (default: the preset's).")
    Double maxSeconds;

    @Option(names = "--repetitions", paramLabel = "N", description = "Repetitions; reports show medians (default: the preset's).")
    Integer repetitions;

    @Option(names = "--warmups", paramLabel = "N", description = "Unreported warm-up repetitions first (default: the preset's).")
    Integer warmups;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of keys, values and orders (default: random, printed).")
    Long seed;

    @Option(names = "--durability", paramLabel = "sync|flush|none",
            description = "Durability of writes; each store maps it as its driver's Javadoc says (default: flush, as db_bench's sync=false).")
    Durability durability;

    @Option(names = "--distribution", paramLabel = "zipfian|uniform|latest",
            description = "YCSB key distribution for every workload (default: each workload's own: scrambled Zipfian, theta 0.99; latest for D).")
    Distribution distribution;

    @Option(names = "--pair", paramLabel = "A/B", description = "Report the throughput ratio A/B per repetition (repeatable).")
    List<String> pairs;

    @Option(names = "--name", paramLabel = "NAME", description = "Report file name (default: the preset's).")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: docs/benchmarks).")
    Path out = Path.of("docs", "benchmarks");

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where stores are created (default: a new temporary directory, deleted afterwards).")
    Path workDir;

    @Option(names = "--list", description = "List the stores and benchmarks, then exit.")
    boolean list;

    private final PrintStream err;

    BenchMain(PrintStream err) {
        this.err = err;
    }

    /** Runs the command line; {@code jmh} as the first argument hands the rest to JMH. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(System.err, args));
    }

    /** Runs the command with {@code args}, progress on {@code err}; returns the exit code. */
    static int run(PrintStream err, String... args) {
        return new CommandLine(new BenchMain(err)).setCaseInsensitiveEnumValuesAllowed(true)
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (list) {
            err.println("stores: " + String.join(", ", Peers.names()));
            err.println("benchmarks: " + String.join(", ", Arrays.stream(Bench.values()).map(Bench::label).toList())
                    + " (groups: db, ycsb, all)");
            return 0;
        }
        Preset p = Preset.named(preset);
        long s = seed != null ? seed : new SecureRandom().nextLong();
        String command = System.getProperty("oxistore.bench.command", "oxistore-bench");
        List<String[]> pairList = new ArrayList<>();
        for (String pair : pairs != null ? pairs : p.pairs()) {
            String[] ab = pair.split("/");
            if (ab.length != 2) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--pair must be A/B, got " + pair);
            }
            pairList.add(ab);
        }
        for (Preset.Size size : p.sizes()) {
            int n = keys != null ? keys : size.keys();
            List<String> chosen = stores != null ? stores : p.stores().isEmpty() ? Peers.names() : p.stores();
            BenchConfig config = new BenchConfig(chosen, parseBenches(benchmarks != null ? benchmarks : p.benchmarks()), n,
                    keySize != null ? keySize : size.keySize(), valueSize != null ? valueSize : size.valueSize(),
                    reads != null ? reads : p.reads() > 0 ? Math.min(p.reads(), n) : n,
                    writes != null ? writes : n, syncWrites != null ? syncWrites : p.syncWrites(),
                    threads != null ? threads : 1, missRatio != null ? missRatio : 0.2,
                    maxSeconds != null ? maxSeconds : p.maxSeconds(), warmups != null ? warmups : p.warmups(), repetitions != null ? repetitions : p.repetitions(), s,
                    durability != null ? durability : p.durability(), distribution);
            String reportName = (name != null ? name : p.name()) + size.suffix();
            List<String[]> usable = pairList.stream().filter(ab -> chosen.contains(ab[0]) && chosen.contains(ab[1])).toList();
            err.printf(Locale.ROOT, "oxistore-bench %s: %s; seed %d%n", reportName, String.join(",", chosen), s);
            err.println("preparing keys, values and plans (not measured)...");
            Path dir = workDir != null ? workDir : Files.createTempDirectory("oxistore-bench-");
            List<Result> results;
            try {
                results = new Runner(config, dir, err).run();
            } finally {
                if (workDir == null) {
                    deleteQuietly(dir);
                }
            }
            List<Path> files = Report.write(out, reportName, command, config, results, usable, Machine.current());
            err.println("wrote " + files.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        return 0;
    }

    static List<Bench> parseBenches(String spec) {
        EnumSet<Bench> set = EnumSet.noneOf(Bench.class);
        for (String part : spec.split(",")) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "all" -> set.addAll(EnumSet.allOf(Bench.class));
                case "db" -> Arrays.stream(Bench.values()).filter(b -> !b.label().startsWith("ycsb")).forEach(set::add);
                case "ycsb" -> Arrays.stream(Bench.values()).filter(b -> b.label().startsWith("ycsb")).forEach(set::add);
                default -> set.add(Bench.parse(part));
            }
        }
        return List.copyOf(set);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the work directory " + dir, e);
        }
    }
}
