package dev.oxistore.bench.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.oxistore.cache.Cache;
import dev.oxistore.cache.CacheBuilder;
import dev.oxistore.cache.Policy;
import dev.oxistore.workload.ScrambledZipfianChooser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Get and put throughput on scrambled Zipfian keys (θ = 0.99, 100,000 keys, a 10,000-entry cache)
 * with 1 and 2 threads: our LRU, ARC and LFU (default sharding), our W-TinyLFU (Caffeine behind our
 * interface), plain Caffeine, and a {@code Collections.synchronizedMap} over an access-order
 * {@code LinkedHashMap}. A get that misses puts the key, so the get figures include the policy's
 * insertion work at the policy's own hit rate.
 *
 * <pre>./oxistore-bench.sh jmh CachePolicyBench -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CachePolicyBench {
    static final int KEYS = 100_000;
    static final int CAPACITY = 10_000;
    static final int STREAM = 1 << 20;

    /** LRU, ARC, LFU, W_TINYLFU (ours), CAFFEINE (plain), SYNC_LHM (synchronized LinkedHashMap). */
    @Param({"LRU", "ARC", "LFU", "W_TINYLFU", "CAFFEINE", "SYNC_LHM"})
    String impl;

    /** The operations every implementation offers, so the benchmark body is the same. */
    interface Target {
        Integer get(Integer k);

        void put(Integer k, Integer v);
    }

    Target target;
    Integer[] stream;
    final AtomicInteger threadSeeds = new AtomicInteger();

    @Setup(Level.Trial)
    public void setup() {
        ScrambledZipfianChooser zipf = new ScrambledZipfianChooser(0, KEYS - 1, new SplittableRandom(42));
        stream = new Integer[STREAM];
        for (int i = 0; i < STREAM; i++) {
            stream[i] = (int) zipf.next();
        }
        target = switch (impl) {
            case "CAFFEINE" -> {
                com.github.benmanes.caffeine.cache.Cache<Integer, Integer> c = Caffeine.newBuilder().maximumSize(CAPACITY).build();
                yield new Target() {
                    public Integer get(Integer k) {
                        return c.getIfPresent(k);
                    }

                    public void put(Integer k, Integer v) {
                        c.put(k, v);
                    }
                };
            }
            case "SYNC_LHM" -> {
                Map<Integer, Integer> m = Collections.synchronizedMap(new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
                        return size() > CAPACITY;
                    }
                });
                yield new Target() {
                    public Integer get(Integer k) {
                        return m.get(k);
                    }

                    public void put(Integer k, Integer v) {
                        m.put(k, v);
                    }
                };
            }
            default -> {
                Cache<Integer, Integer> c = CacheBuilder.<Integer, Integer>newBuilder(Policy.valueOf(impl)).maximumSize(CAPACITY).build();
                yield new Target() {
                    public Integer get(Integer k) {
                        return c.getIfPresent(k);
                    }

                    public void put(Integer k, Integer v) {
                        c.put(k, v);
                    }
                };
            }
        };
        for (int i = 0; i < STREAM; i++) {
            target.put(stream[i], stream[i]);
        }
    }

    /** Each thread walks the shared key stream from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void setup(CachePolicyBench b) {
            next = b.threadSeeds.getAndIncrement() * (STREAM / 7);
        }

        Integer key(Integer[] stream) {
            return stream[next++ & (STREAM - 1)];
        }
    }

    private Integer getOrLoad(Cursor c) {
        Integer k = c.key(stream);
        Integer v = target.get(k);
        if (v == null) {
            target.put(k, k);
            return k;
        }
        return v;
    }

    @Benchmark
    @Threads(1)
    public Integer get1(Cursor c) {
        return getOrLoad(c);
    }

    @Benchmark
    @Threads(2)
    public Integer get2(Cursor c) {
        return getOrLoad(c);
    }

    @Benchmark
    @Threads(1)
    public void put1(Cursor c) {
        Integer k = c.key(stream);
        target.put(k, k);
    }

    @Benchmark
    @Threads(2)
    public void put2(Cursor c) {
        Integer k = c.key(stream);
        target.put(k, k);
    }
}
