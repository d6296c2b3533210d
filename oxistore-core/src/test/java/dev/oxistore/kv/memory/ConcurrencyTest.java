package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Readers race writers and reclamation: every view (point reads, getAll, cursors, snapshots,
 * transactions) must see each batch whole, while chains are pruned under them, and transfers in
 * transactions must conserve the total.
 */
class ConcurrencyTest {

    private static final int KEYS = 16;
    private static final int SOAK = Integer.getInteger("oxistore.soak", 1);

    private static byte[] key(int i) {
        return Bytes.utf8("k" + Integer.toHexString(i));
    }

    private static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long i64(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }

    @Test
    void everyViewSeesBatchesWholeWhilePruningRuns() throws Exception {
        MemoryStore store = new MemoryStore(StoreConfig.defaults());
        WriteBatch init = new WriteBatch();
        for (int i = 0; i < KEYS; i++) {
            init.put(key(i), i64(0));
        }
        store.write(init);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = pool.submit(() -> {
                for (long gen = 1; gen <= 20_000L * SOAK; gen++) {
                    WriteBatch b = new WriteBatch();
                    for (int i = 0; i < KEYS; i++) {
                        b.put(key(i), i64(gen));
                    }
                    store.write(b);
                    if (gen % 1000 == 0) {
                        store.compact();
                    }
                }
                stop.set(true);
                return null;
            });
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                final int kind = r;
                readers.add(pool.submit(() -> {
                    long checks = 0;
                    long lastSeen = 0;
                    while (!stop.get()) {
                        long gen = switch (kind) {
                            case 0 -> sameGeneration(store.getAll(allKeys()));
                            case 1 -> {
                                try (KvCursor c = store.scan(ThreadLocalRandom.current().nextBoolean()
                                        ? KeyRange.all() : KeyRange.all().reversed())) {
                                    List<byte[]> values = new ArrayList<>();
                                    c.forEachRemaining((KvEntry e) -> values.add(e.value()));
                                    assertThat(values).hasSize(KEYS);
                                    yield sameGeneration(values);
                                }
                            }
                            default -> {
                                try (KvSnapshot s = store.snapshot()) {
                                    long first = sameGeneration(s.getAll(allKeys()));
                                    Thread.onSpinWait();
                                    for (int i = 0; i < KEYS; i++) {
                                        assertThat(i64(s.get(key(i)))).isEqualTo(first);
                                    }
                                    yield first;
                                }
                            }
                        };
                        assertThat(gen).as("a view went back in time").isGreaterThanOrEqualTo(lastSeen);
                        lastSeen = gen;
                        long point = i64(store.get(key(ThreadLocalRandom.current().nextInt(KEYS))));
                        assertThat(point).isGreaterThanOrEqualTo(lastSeen);
                        checks++;
                    }
                    return checks;
                }));
            }
            writer.get(5, TimeUnit.MINUTES);
            for (Future<Long> r : readers) {
                assertThat(r.get(1, TimeUnit.MINUTES)).isPositive();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(store.pinCount()).isZero();
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(KEYS);
        assertThat(store.checkIntegrity().problems()).isEmpty();
        store.close();
    }

    private static List<byte[]> allKeys() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    private static long sameGeneration(List<byte[]> values) {
        long first = i64(values.get(0));
        for (byte[] v : values) {
            assertThat(i64(v)).as("a torn batch").isEqualTo(first);
        }
        return first;
    }

    @Test
    void transfersInTransactionsConserveTheTotal() throws Exception {
        MemoryStore store = new MemoryStore(StoreConfig.defaults());
        int accounts = 8;
        for (int i = 0; i < accounts; i++) {
            store.put(key(i), i64(100));
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int n = 0; n < 2_000 * SOAK; n++) {
                        int from = rnd.nextInt(accounts);
                        int to = rnd.nextInt(accounts);
                        long amount = rnd.nextInt(10);
                        store.inTransaction(1_000, txn -> {
                            long a = i64(txn.get(key(from)));
                            txn.put(key(from), i64(a - amount));
                            long b = i64(txn.get(key(to)));
                            txn.put(key(to), i64(b + amount));
                            return null;
                        });
                        if (n % 100 == 0) {
                            try (KvSnapshot s = store.snapshot()) {
                                long total = 0;
                                for (byte[] v : s.getAll(allKeys().subList(0, accounts))) {
                                    total += i64(v);
                                }
                                assertThat(total).isEqualTo(100L * accounts);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (int i = 0; i < accounts; i++) {
            total += i64(store.get(key(i)));
        }
        assertThat(total).isEqualTo(100L * accounts);
        assertThat(store.metrics().commits()).isEqualTo(4L * 2_000 * SOAK);
        assertThat(store.pinCount()).isZero();
        assertThat(store.checkIntegrity().problems()).isEmpty();
        store.close();
    }
}
