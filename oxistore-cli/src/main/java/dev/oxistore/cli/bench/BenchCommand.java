package dev.oxistore.cli.bench;

import dev.oxistore.cli.command.Access;
import dev.oxistore.cli.command.CliException;
import dev.oxistore.cli.command.IoErrors;
import dev.oxistore.cli.command.OpenRequest;
import dev.oxistore.cli.command.StoreCommand;
import dev.oxistore.cli.term.ProgressBar;
import dev.oxistore.cli.term.Units;
import dev.oxistore.workload.Distribution;
import dev.oxistore.workload.Keys;
import dev.oxistore.workload.Operation;
import dev.oxistore.workload.Plan;
import dev.oxistore.workload.Workload;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: loads records, then runs a YCSB core workload against them, and prints
 * throughput and latency percentiles. Without {@code --store} it works in a fresh temporary
 * directory that is deleted afterwards, so it never touches the user's data.
 */
@Command(name = "bench", sortOptions = false,
        description = {"Runs a YCSB-style benchmark: a load phase that inserts --records records, then a run "
                + "phase of --operations operations of a YCSB core workload, and prints a table of throughput "
                + "and latency percentiles.",
                "Without --store it uses a temporary directory that is deleted afterwards; with --store the "
                + "path must not exist yet (or be an empty directory)."})
public final class BenchCommand extends StoreCommand {

    private static final int VALUE_POOL = 256;

    @Option(names = "--records", paramLabel = "N", defaultValue = "100000", description = "Records to load (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--operations", paramLabel = "N", defaultValue = "200000", description = "Operations in the run phase (default: ${DEFAULT-VALUE}).")
    int operations;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workload", paramLabel = "A-F", defaultValue = "A",
            description = {"YCSB core workload (default: ${DEFAULT-VALUE}): A 50%% read/50%% update, B 95/5 read/update, "
                    + "C read only, D read latest/5%% insert, E short scans/5%% insert, F read/read-modify-write."})
    Workload workload;

    @Option(names = "--distribution", paramLabel = "zipfian|uniform|latest",
            description = "Which records operations touch (default: the workload's; latest for D, else zipfian, theta 0.99, scrambled).")
    Distribution distribution;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100", description = "Value size (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "--key-size", paramLabel = "BYTES", defaultValue = "16", description = "Key size, at least 16 (default: ${DEFAULT-VALUE}).")
    int keySize;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for keys, values and the operation sequence (default: random, printed).")
    Long seed;

    @Option(names = "--durability", paramLabel = "sync|flush|none", defaultValue = "flush",
            description = "Durability of each write (default: ${DEFAULT-VALUE}, like db_bench's sync=false).")
    Durability durability;

    @Override
    public Integer call() {
        validate();
        long s = seed != null ? seed : new SecureRandom().nextLong();
        Distribution dist = distribution != null ? distribution : workload.defaultDistribution();
        PrintWriter out = out();
        // Everything random is drawn before the clock starts.
        Plan plan = Plan.generate(workload, dist, records, operations, s);
        Keys keys = Keys.hashed(Math.toIntExact(plan.totalRecords()), keySize);
        byte[][] values = values(new SplittableRandom(s ^ 0x5DEECE66DL), valueSize);

        EngineKind engine = ctx().engineOption().orElse(null);
        Path tempDir = null;
        Path path;
        if (engine == EngineKind.MEMORY) {
            path = ctx().storePath();
        } else if (ctx().storeOption().isPresent()) {
            path = ctx().storeOption().get();
            requireFresh(path);
        } else {
            tempDir = createTempDir();
            path = tempDir.resolve("store");
        }
        Thread cleanup = tempDir == null ? null : deleteOnExit(tempDir);
        List<PhaseResult> results = new ArrayList<>();
        try {
            try (KvStore store = ctx().open(new OpenRequest(engine, path, Access.WRITE, durability))) {
                out.printf(Locale.ROOT, "bench: YCSB workload %s (%s), %s keys, %s records, %s operations, %s%n",
                        workload, workload.describe(), dist.name().toLowerCase(Locale.ROOT), Units.count(records),
                        Units.count(operations), Units.count(threads, "thread", "threads"));
                out.printf(Locale.ROOT, "       keys %d B, values %d B, seed %d%n", keySize, valueSize, s);
                out.println("store: " + store.kind().name().toLowerCase(Locale.ROOT) + ", " + where(store, tempDir)
                        + (store.path().isPresent() ? ", durability " + durability.name().toLowerCase(Locale.ROOT) : ""));
                out.flush();
                results.add(load(store, keys, values));
                results.add(run(store, plan, keys, values));
            }
        } finally {
            if (tempDir != null) {
                deleteTree(tempDir);
                removeHook(cleanup);
            }
        }
        out.println();
        ResultTable.print(out, results);
        if (tempDir != null) {
            out.println("temporary store deleted: " + tempDir);
        }
        return 0;
    }

    private void validate() {
        if (records < 1 || records > Integer.MAX_VALUE / 2) {
            throw usage("--records must be between 1 and " + Units.count(Integer.MAX_VALUE / 2) + ", got " + records);
        }
        if (operations < 0 || records + operations > Integer.MAX_VALUE) {
            throw usage("--operations must be 0 or more, with --records + --operations below " + Units.count(Integer.MAX_VALUE));
        }
        if (threads < 1 || threads > 1024) {
            throw usage("--threads must be between 1 and 1024, got " + threads);
        }
        if (valueSize < 0 || valueSize > 64 << 20) {
            throw usage("--value-size must be between 0 and 64 MiB, got " + valueSize);
        }
        if (keySize < Keys.MIN_HASHED_SIZE || keySize > 4096) {
            throw usage("--key-size must be between " + Keys.MIN_HASHED_SIZE + " and 4096, got " + keySize);
        }
    }

    private PhaseResult load(KvStore store, Keys keys, byte[][] values) {
        int n = (int) records;
        ProgressBar bar = ProgressBar.of("load", "ops", n, err(), ctx().terminal());
        return PhaseRunner.run("load", n, threads, i -> {
            store.put(keys.key(i), values[i % VALUE_POOL]);
            return Operation.INSERT;
        }, bar, () -> 0);
    }

    private PhaseResult run(KvStore store, Plan plan, Keys keys, byte[][] values) {
        LongAdder misses = new LongAdder();
        ProgressBar bar = ProgressBar.of("run", "ops", plan.size(), err(), ctx().terminal());
        return PhaseRunner.run("run", plan.size(), threads, i -> {
            Operation op = plan.op(i);
            byte[] key = keys.key(plan.record(i));
            switch (op) {
                case READ -> {
                    if (store.get(key) == null) {
                        misses.increment();
                    }
                }
                case UPDATE, INSERT -> store.put(key, values[i % VALUE_POOL]);
                case SCAN -> {
                    try (KvCursor c = store.scan(KeyRange.atLeast(key))) {
                        for (int left = plan.scanLength(i); left > 0 && c.hasNext(); left--) {
                            c.next();
                        }
                    }
                }
                case READ_MODIFY_WRITE -> {
                    if (store.get(key) == null) {
                        misses.increment();
                    }
                    store.put(key, values[(i + 1) % VALUE_POOL]);
                }
            }
            return op;
        }, bar, misses::sum);
    }

    private static byte[][] values(SplittableRandom random, int size) {
        byte[][] pool = new byte[VALUE_POOL][size];
        for (byte[] v : pool) {
            random.nextBytes(v);
        }
        return pool;
    }

    private static String where(KvStore store, Path tempDir) {
        if (store.path().isEmpty()) {
            return "in memory (nothing kept)";
        }
        Path p = store.path().get();
        return tempDir != null ? "temporary directory " + p + " (deleted afterwards)" : p.toString();
    }

    private void requireFresh(Path path) {
        boolean fresh = !Files.exists(path);
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                fresh = entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (!fresh) {
            throw usage("bench writes its own records into the store, and " + path + " already exists: "
                    + "give a new path, or leave out --store to use a temporary directory");
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("oxistore-bench-");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary directory for the benchmark: " + IoErrors.describe(e)
                    + " (set java.io.tmpdir, or pass --store)", CliException.FAILURE, e);
        }
    }

    /** Deletes the temporary store even when the user interrupts the benchmark with Ctrl-C. */
    private static Thread deleteOnExit(Path dir) {
        Thread hook = new Thread(() -> deleteTree(dir), "oxistore-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; it deletes the same directory
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary store " + dir, e);
        }
    }
}
