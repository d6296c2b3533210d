package dev.oxistore.bench.cache;

import dev.oxistore.OxiStore;
import dev.oxistore.cache.Policy;
import dev.oxistore.cache.kv.CachedKvStore;
import dev.oxistore.cache.kv.WriteMode;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Point reads on BTREE (100,000 keys of 16 B/100 B) through a read-through {@code CachedKvStore}
 * at a 90% hit rate, against the same store uncached. 90% of reads go to a hot set of 9,000 keys,
 * 10% to the other keys; the cache holds 10,000 entries, so a policy that keeps the hot set
 * (W-TinyLFU, ARC) hits about 90%. The measured hit rate is printed at the end of each trial.
 *
 * <pre>./oxistore-bench.sh jmh CachedStoreBench -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CachedStoreBench {
    static final int KEYS = 100_000;
    static final int HOT = 9_000;
    static final int STREAM = 1 << 20;

    /** NONE for uncached BTREE, else the cache policy. */
    @Param({"NONE", "W_TINYLFU", "ARC", "LRU"})
    String cache;

    private Path dir;
    private KvStore store;
    private byte[][] stream;
    private int next;

    private static byte[] key(int i) {
        return ByteBuffer.allocate(16).putLong(0x6b6579L).putLong(i).array();
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("cached-store-bench");
        KvStore btree = OxiStore.open(EngineKind.BTREE, dir.resolve("store"), StoreConfig.builder().durability(Durability.NONE).build());
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < KEYS; i++) {
            batch.put(key(i), new byte[100]);
            if (batch.size() == 1_000) {
                btree.write(batch);
                batch = new WriteBatch();
            }
        }
        btree.write(batch);
        store = cache.equals("NONE") ? btree
                : CachedKvStore.builder(btree).mode(WriteMode.READ_THROUGH).policy(Policy.valueOf(cache)).maximumEntries(10_000).build();
        SplittableRandom r = new SplittableRandom(7);
        stream = new byte[STREAM][];
        for (int i = 0; i < STREAM; i++) {
            stream[i] = key(r.nextInt(10) < 9 ? r.nextInt(HOT) : HOT + r.nextInt(KEYS - HOT));
        }
        for (byte[] k : stream) {
            store.get(k);
        }
    }

    @Benchmark
    public byte[] get() {
        return store.get(stream[next++ & (STREAM - 1)]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (store instanceof CachedKvStore c) {
            System.out.printf("%n%s hit rate: %.1f%%%n", cache, 100 * c.cacheStats().hitRate());
        }
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
