package dev.oxistore.bench.hlog;

import dev.oxistore.kv.hlog.store.HlogOptions;
import dev.oxistore.kv.hlog.store.HlogStats;
import dev.oxistore.kv.hlog.store.HlogStore;
import dev.oxistore.kv.hlog.store.Session;
import dev.oxistore.kv.hlog.store.Status;
import dev.oxistore.workload.KeyChooser;
import dev.oxistore.workload.ScrambledZipfianChooser;
import dev.oxistore.workload.UniformChooser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * YCSB-A (50% read, 50% upsert) and YCSB-C (100% read) with 8-byte keys and values on the HLOG
 * engine's native session API ({@code long} fast path, every record in the hybrid log, the log's
 * memory budget large enough to hold it) side by side with {@code ConcurrentHashMap<Long, Long>}.
 * Keys are drawn from the workload module's scrambled Zipfian (θ = 0.99) or uniform chooser into a
 * per-thread trace before measuring, so the generator's cost is outside the timed loop for both.
 * Run with {@code -t 1} and {@code -t 2} for one and two threads.
 *
 * <p>{@code impl=PAIRED} loads both into one fork and alternates them iteration by iteration
 * (HLOG on even iterations, counting warm-up ones, CHM on odd ones), so that on a noisy machine
 * each HLOG iteration has a CHM iteration next to it in time; the ratio is the median of the
 * adjacent pairs (docs/benchmarks/hlog-vs-chm.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HlogVsChmBench {

    /** What is measured. */
    public enum Impl { HLOG, CHM, PAIRED }

    /** Key popularity. */
    public enum Dist { ZIPFIAN, UNIFORM }

    private static final int TRACE = 1 << 22; // draws per thread; ops walk the trace in a loop
    private static final long UPSERT = 1L << 62;
    static final int BATCH = 8; // keys per ycsbCBatch call

    @Param({"HLOG", "CHM"})
    Impl impl;

    /** What the current iteration measures (alternates under PAIRED). */
    Impl current;
    private int iteration;

    @Param({"1048576", "16777216"})
    long keys;

    @Param({"ZIPFIAN", "UNIFORM"})
    Dist dist;

    /**
     * The key values: {@code DENSE} is {@code 0 .. n-1} (the benchmark, and
     * {@code ConcurrentHashMap}'s best case: {@code Long.hashCode} of small keys is the key, so its
     * table is filled densely in key order); {@code HASHED} is a 62-bit mix of {@code 0 .. n-1}, as
     * YCSB hashes its key numbers. Only {@code -p keySpace=HASHED} runs it, labelled apart.
     */
    @Param({"DENSE"})
    KeySpace keySpace;

    /** Key values. */
    public enum KeySpace { DENSE, HASHED }

    HlogStore store;
    ConcurrentHashMap<Long, Long> map;
    private Path dir;
    private final AtomicInteger threadIds = new AtomicInteger();

    /**
     * The key value of key number {@code n}: {@code n}, or the splitmix64 finaliser (a bijection)
     * cut to 62 bits, below the trace's upsert flag (bit 62); a collision among 16M keys is
     * possible in principle (odds about 2^-15) and would only leave one key fewer.
     */
    long key(long n) {
        if (keySpace == KeySpace.DENSE) {
            return n;
        }
        long x = (n ^ (n >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return (x ^ (x >>> 31)) & (UPSERT - 1);
    }

    @Setup(Level.Iteration)
    public void pick() {
        current = impl != Impl.PAIRED ? impl : iteration++ % 2 == 0 ? Impl.HLOG : Impl.CHM;
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        if (impl != Impl.CHM) {
            dir = Files.createTempDirectory("oxistore-hlog-jmh-");
            // 32 MiB pages; memory for every record (32 B each) and the upserts' in-place updates
            int pages = Integer.highestOneBit((int) Math.max(8, (keys * 32 * 2) >>> 25));
            HlogOptions options = HlogOptions.defaults(dir).withIndexBuckets(Long.highestOneBit(keys / 4)).withMemory(25, pages);
            store = HlogStore.open(options);
            try (Session s = store.newSession("loader")) {
                s.resume();
                for (long k = 0; k < keys; k++) {
                    s.upsert(key(k), k);
                }
                s.suspend();
            }
            HlogStats st = store.stats();
            if (st.headAddress() > st.beginAddress()) {
                throw new IllegalStateException("records were evicted: raise the memory budget " + st);
            }
        }
        if (impl != Impl.HLOG) {
            map = new ConcurrentHashMap<>((int) Math.min(Integer.MAX_VALUE, keys * 2));
            for (long k = 0; k < keys; k++) {
                map.put(key(k), k);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (store != null) {
            store.close();
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        map = null;
    }

    /** A thread's session and pre-drawn trace of keys (bit 62 set: the op is an upsert in YCSB-A). */
    @State(Scope.Thread)
    public static class Worker {
        long[] trace;
        int next;
        Session session;
        final long[] values = new long[BATCH]; // ycsbCBatch's output
        final Status[] statuses = new Status[BATCH];

        @Setup(Level.Trial)
        public void setup(HlogVsChmBench bench, BenchmarkParams params) {
            int id = bench.threadIds.incrementAndGet();
            SplittableRandom random = new SplittableRandom(42 + id);
            KeyChooser chooser = bench.dist == Dist.ZIPFIAN
                    ? new ScrambledZipfianChooser(0, bench.keys - 1, random)
                    : new UniformChooser(0, bench.keys - 1, random);
            trace = new long[TRACE];
            for (int i = 0; i < TRACE; i++) {
                trace[i] = bench.key(chooser.next()) | (random.nextBoolean() ? UPSERT : 0);
            }
            if (!params.getBenchmark().endsWith(".ycsbA")) {
                for (int i = 0; i < TRACE; i++) {
                    trace[i] &= ~UPSERT; // only reads: ycsbCBatch passes the trace to the batch read as is
                }
            }
            if (bench.store != null) {
                session = bench.store.newSession("jmh-" + id);
                session.resume();
            }
        }

        @TearDown(Level.Trial)
        public void teardown() {
            if (session != null) {
                session.suspend();
                session.close();
            }
        }

        long draw() {
            long t = trace[next];
            next = (next + 1) & (TRACE - 1);
            return t;
        }
    }

    /** YCSB-C: 100% reads. */
    @Benchmark
    public long ycsbC(Worker w) {
        long k = w.draw() & ~UPSERT;
        if (current == Impl.HLOG) {
            return w.session.read(k) == Status.OK ? w.session.value() : -1;
        }
        Long v = map.get(k);
        return v == null ? -1 : v;
    }

    /**
     * YCSB-C in batches of {@value #BATCH} keys, labelled apart from {@link #ycsbC}: HLOG takes them in
     * one {@code Session.read(long[], ...)} call (FASTER's interleaving: every index line is loaded
     * before any record), CHM reads them with {@value #BATCH} plain {@code get} calls in a row.
     * Throughput is per key. Not the per-operation comparison.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long ycsbCBatch(Worker w) {
        int from = w.next;
        w.next = (from + BATCH) & (TRACE - 1);
        long[] trace = w.trace; // YCSB-C traces have no upsert bit
        if (current == Impl.HLOG) {
            return w.session.read(trace, from, BATCH, w.values, w.statuses);
        }
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            Long v = map.get(trace[from + i]);
            sum += v == null ? -1 : v;
        }
        return sum;
    }

    /** YCSB-A: 50% reads, 50% upserts (blind writes of a new value). */
    @Benchmark
    public long ycsbA(Worker w) {
        long t = w.draw();
        long k = t & ~UPSERT;
        if (current == Impl.HLOG) {
            Session s = w.session;
            if ((t & UPSERT) != 0) {
                s.upsert(k, t);
                return 0;
            }
            return s.read(k) == Status.OK ? s.value() : -1;
        }
        if ((t & UPSERT) != 0) {
            map.put(k, t);
            return 0;
        }
        Long v = map.get(k);
        return v == null ? -1 : v;
    }
}
