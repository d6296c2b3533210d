package dev.oxistore.bench.hlog;

import dev.oxistore.kv.hlog.index.EntrySlot;
import dev.oxistore.kv.hlog.index.HashIndex;
import dev.oxistore.kv.hlog.log.HybridLog;
import dev.oxistore.kv.hlog.log.Records;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where an HLOG read's time goes, without the engine around it (docs/benchmarks/hlog-vs-chm.md,
 * "Where the limit is"): the real {@link HashIndex} with {@code n / indexDivisor} buckets and a
 * segment of 32-byte records in the log's format, read in a bare loop (no session, epoch or
 * version checks), next to {@code ConcurrentHashMap<Long, Long>.get}; keys {@code 0 .. n-1}, drawn
 * uniformly into a trace before measuring. Keys whose entry is in an overflow bucket (about 2%
 * with {@code n/4} buckets) skip the record. A diagnostic, not the engines' comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
public class HlogLookupShapeBench {

    private static final int TRACE = 1 << 22;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    @Param({"1048576"})
    long keys;

    /** Keys per index bucket on average (the engine benchmark uses 4). */
    @Param({"4"})
    int indexDivisor;

    HashIndex index;
    MemorySegment records;
    ConcurrentHashMap<Long, Long> map;
    long[] trace;
    int next;
    private Arena arena;

    @Setup(Level.Trial)
    public void load() {
        index = new HashIndex(Long.highestOneBit(keys / indexDivisor));
        arena = Arena.ofShared();
        records = arena.allocate(HybridLog.BEGIN + keys * Records.LONG_RECORD_BYTES, 64);
        EntrySlot slot = new EntrySlot();
        map = new ConcurrentHashMap<>((int) (keys * 2));
        for (long k = 0; k < keys; k++) {
            long a = HybridLog.BEGIN + k * Records.LONG_RECORD_BYTES;
            records.set(WORD, a, Records.header(0, 0, false));
            records.set(WORD, a + 8, Records.LONG_LENGTHS);
            records.set(WORD, a + 16, Long.reverseBytes(k));
            records.set(WORD, a + 24, Long.reverseBytes(k));
            index.findOrCreate(Records.hash(k), slot);
            index.compareAndSwap(slot, a);
            map.put(k, k);
        }
        SplittableRandom random = new SplittableRandom(42);
        trace = new long[TRACE];
        for (int i = 0; i < TRACE; i++) {
            trace[i] = random.nextLong(keys);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        index.close();
        arena.close();
    }

    private long draw() {
        long k = trace[next];
        next = (next + 1) & (TRACE - 1);
        return k;
    }

    /** {@code ConcurrentHashMap.get}, as in {@link HlogVsChmBench#ycsbC}. */
    @Benchmark
    public long chm() {
        Long v = map.get(draw());
        return v == null ? -1 : v;
    }

    /** The bucket line, then the record: what {@code Session.read(long)}'s fast path reads. */
    @Benchmark
    public long bucketAndRecord() {
        long k = draw();
        long a = index.mainEntry(Records.hash(k)) & HashIndex.ADDRESS_MASK;
        if (a == 0) {
            return -1;
        }
        MemorySegment r = records.asSlice(a, Records.LONG_RECORD_BYTES);
        if (r.get(WORD, 16) == Long.reverseBytes(k) && r.get(WORD, 8) == Records.LONG_LENGTHS
                && !Records.isTombstone(r.get(WORD, 0))) {
            return Long.reverseBytes(r.get(WORD, 24));
        }
        return -2;
    }

    /** The bucket line only. */
    @Benchmark
    public long bucketOnly() {
        return index.mainEntry(Records.hash(draw()));
    }
}
