package dev.oxistore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every policy under four threads: values stay right, the bound and the counters hold. */
class CacheConcurrencyTest {

    @ParameterizedTest
    @EnumSource(Policy.class)
    void concurrentGetsAndPutsNeverSeeAWrongValue(Policy policy) throws Exception {
        AtomicLong evicted = new AtomicLong();
        Cache<Integer, Long> c = CacheBuilder.<Integer, Long>newBuilder(policy).maximumSize(500)
                .removalListener((k, v, cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evicted.incrementAndGet();
                    }
                }).build();
        int threads = 4;
        int ops = 100_000 * Traces.soak();
        AtomicLong gets = new AtomicLong();
        AtomicLong puts = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 31L * t;
                fs.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    for (int i = 0; i < ops; i++) {
                        int k = (int) Math.min(1999, Math.abs(r.nextGaussian() * 400));
                        Long v = c.getIfPresent(k);
                        gets.incrementAndGet();
                        if (v == null) {
                            c.put(k, k * 7L); // every writer puts the same function of the key
                            puts.incrementAndGet();
                        } else {
                            assertThat(v).isEqualTo(k * 7L);
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        c.cleanUp();
        assertThat(c.size()).isLessThanOrEqualTo(500);
        assertThat(c.stats().requests()).isEqualTo(gets.get());
        assertThat(c.stats().evictions()).isEqualTo(evicted.get()).isPositive();
    }
}
