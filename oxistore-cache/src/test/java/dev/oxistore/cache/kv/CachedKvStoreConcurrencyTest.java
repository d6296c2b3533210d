package dev.oxistore.cache.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several threads through a small cache (so entries are evicted and reloaded all the time): no
 * compare-and-set or merge increment is lost, and no read returns a value older than one whose
 * write had returned before the read began.
 */
class CachedKvStoreConcurrencyTest {
    private static final int THREADS = 4;

    static Stream<Arguments> configurations() {
        List<Arguments> list = new ArrayList<>();
        for (WriteMode mode : WriteMode.values()) {
            for (Policy policy : Policy.values()) {
                list.add(Arguments.of(mode, policy));
            }
        }
        return list.stream();
    }

    private static CachedKvStore open(WriteMode mode, Policy policy) {
        KvStore inner = CachedStores.engine(EngineKind.MEMORY)
                .openInMemory(StoreConfig.builder().mergeOperator(MergeOperator.int64Add()).build());
        return CachedKvStore.builder(inner).mode(mode).policy(policy).maximumEntries(32)
                .maxDirtyEntries(8).flushInterval(Duration.ofMillis(5)).build();
    }

    private static byte[] key(String prefix, int i) {
        return (prefix + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long i64(byte[] b) {
        return b == null ? 0 : ByteBuffer.wrap(b).getLong();
    }

    private static void run(int threads, java.util.function.IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(pool.submit(() -> body.accept(id)));
            }
            for (Future<?> f : fs) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void noCompareAndSetOrMergeIncrementIsLost(WriteMode mode, Policy policy) throws Exception {
        int counters = 8;
        int perThread = 400 * Integer.getInteger("oxistore.soak", 1);
        try (CachedKvStore s = open(mode, policy)) {
            run(THREADS, id -> {
                SplittableRandom r = new SplittableRandom(id);
                for (int i = 0; i < perThread; i++) {
                    int c = r.nextInt(counters);
                    if (r.nextBoolean()) {
                        s.merge(key("m", c), i64(1));
                    } else {
                        while (true) {
                            byte[] cur = s.get(key("c", c));
                            if (s.compareAndSet(key("c", c), cur, i64(i64(cur) + 1))) {
                                break;
                            }
                        }
                    }
                    s.put(key("noise", r.nextInt(100)), i64(i)); // churns the cache and the dirty set
                }
            });
            long total = 0;
            for (int c = 0; c < counters; c++) {
                total += i64(s.get(key("c", c))) + i64(s.get(key("m", c)));
            }
            assertThat(total).isEqualTo((long) THREADS * perThread);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void noReadIsOlderThanAWriteThatReturnedBeforeIt(WriteMode mode, Policy policy) throws Exception {
        int keys = 64;
        int rounds = 3_000 * Integer.getInteger("oxistore.soak", 1);
        AtomicLongArray published = new AtomicLongArray(keys);
        try (CachedKvStore s = open(mode, policy)) {
            run(THREADS, id -> {
                SplittableRandom r = new SplittableRandom(100 + id);
                for (int i = 1; i <= rounds; i++) {
                    if (id < 2) {
                        // Writers own alternate keys; each write's version grows, and is published once it returned.
                        int k = 2 * r.nextInt(keys / 2) + id;
                        long v = (long) i * THREADS + id;
                        switch (r.nextInt(4)) {
                            case 0 -> s.write(new WriteBatch().put(key("k", k), i64(v)));
                            case 1 -> s.inTransaction(t -> {
                                t.put(key("k", k), i64(v));
                                return null;
                            });
                            default -> s.put(key("k", k), i64(v));
                        }
                        published.set(k, v);
                        long seen = i64(s.get(key("k", k)));
                        assertThat(seen).as("own write read back").isEqualTo(v);
                    } else {
                        int k = r.nextInt(keys);
                        long floor = published.get(k);
                        long seen = i64(s.get(key("k", k)));
                        assertThat(seen).as("key %d read after version %d was published", k, floor).isGreaterThanOrEqualTo(floor);
                    }
                }
            });
        }
    }
}
