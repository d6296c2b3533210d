package dev.oxistore.kv.hlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.hlog.log.Records;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on several threads run seeded random upserts, deletes, reads and counter RMWs against a
 * store whose memory budget forces eviction and disk reads, while another thread takes checkpoints;
 * every step is checked against a {@link ConcurrentHashMap} model, and so is the whole store at the
 * end and after a reopen. Each thread owns a slice of the keys (its reads are exact) and all share
 * the counters (their totals are exact).
 */
class HlogConcurrentModelTest {

    private static final int THREADS = 4;
    private static final long KEYS = 4_000;
    private static final int COUNTERS = 8;
    private static final long COUNTER_BASE = 1L << 40;

    @TempDir
    Path dir;

    @Test
    void concurrentSessionsMatchAConcurrentHashMapModel() throws Exception {
        long seed = Long.getLong("oxistore.seed", ThreadLocalRandom.current().nextLong());
        int steps = 15_000 * Integer.getInteger("oxistore.soak", 1);
        HlogOptions options = HlogOptions.defaults(dir).withIndexBuckets(1 << 9).withMemory(12, 8);
        ConcurrentHashMap<Long, Long> model = new ConcurrentHashMap<>();
        try (HlogStore store = HlogStore.open(options)) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                workers.add(pool.submit(() -> {
                    worker(store, model, id, new Random(seed + id), steps);
                    return null;
                }));
            }
            Future<Integer> checkpoints = pool.submit(() -> {
                int n = 0;
                while (running.get()) {
                    store.checkpoint();
                    n++;
                    Thread.sleep(5);
                }
                return n;
            });
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
            running.set(false);
            assertThat(checkpoints.get(1, TimeUnit.MINUTES)).as("checkpoints taken during the run").isPositive();
            pool.shutdown();
            assertThat(store.stats().pendingIssued()).as("seed %d: some operations went to disk", seed).isPositive();
            assertWhole(store, model, seed);
            store.checkpoint();
        }
        try (HlogStore store = HlogStore.open(options)) {
            assertWhole(store, model, seed);
        }
    }

    private static void worker(HlogStore store, Map<Long, Long> model, int id, Random random, int steps) {
        try (Session s = store.newSession("worker-" + id)) {
            boolean resumed = id % 2 == 0;
            if (resumed) {
                s.resume();
            }
            long[] holder = new long[2];
            s.setCompletion((key, status, value) -> {
                holder[0] = status == Status.OK ? 1 : 0;
                holder[1] = value == null ? 0 : Records.bigEndian(value, 0);
            });
            for (int i = 0; i < steps; i++) {
                long key = random.nextLong(KEYS / THREADS) * THREADS + id;
                int op = random.nextInt(10);
                if (op < 4) {
                    long v = random.nextLong();
                    s.upsert(key, v);
                    model.put(key, v);
                } else if (op < 5) {
                    s.delete(key);
                    model.remove(key);
                } else if (op < 8) {
                    Status st = s.read(key);
                    Long got;
                    if (st == Status.PENDING) {
                        s.completePending(true);
                        got = holder[0] == 1 ? holder[1] : null;
                    } else {
                        got = st == Status.OK ? s.value() : null;
                    }
                    assertThat(got).as("worker %d step %d key %d", id, i, key).isEqualTo(model.get(key));
                } else {
                    long counter = COUNTER_BASE + random.nextInt(COUNTERS);
                    if (s.rmw(counter, (v, present) -> v + 1) == Status.PENDING) {
                        s.completePending(true);
                    }
                    model.merge(counter, 1L, Long::sum);
                }
            }
            if (resumed) {
                s.suspend();
            }
        }
    }

    private static void assertWhole(HlogStore store, Map<Long, Long> model, long seed) {
        try (Session s = store.newSession()) {
            for (long k = 0; k < KEYS; k++) {
                assertThat(s.get(k)).as("seed %d key %d", seed, k).isEqualTo(model.get(k));
            }
            for (int c = 0; c < COUNTERS; c++) {
                assertThat(s.get(COUNTER_BASE + c)).as("seed %d counter %d", seed, c).isEqualTo(model.get(COUNTER_BASE + c));
            }
        }
    }
}
