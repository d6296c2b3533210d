package dev.oxistore.testkit;

import static dev.oxistore.testkit.Kit.b;
import static dev.oxistore.testkit.Kit.i64;
import static dev.oxistore.testkit.Kit.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrency tests: several threads hammer one store and an invariant must hold throughout — no
 * lost compare-and-set or merge increment, a constant total across bank transfers in
 * transactions, every scan and snapshot seeing whole batches, keyspaces staying apart. Iteration
 * counts are bounded and scale with {@code -Doxistore.soak=N}; threads are joined with a hang
 * guard, and nothing is asserted about time.
 */
public abstract class KvStoreConcurrencySuite {

    /** Threads that write at once in each test. */
    protected static final int THREADS = 4;

    /** A fresh directory per test. */
    @TempDir
    protected Path tempDir;

    private final List<KvStore> opened = new ArrayList<>();
    private ExecutorService executor;

    /** The engine under test. */
    protected abstract StoreFactory factory();

    /** Adds engine-specific options to every store; do not set the merge operator or durability. */
    protected void configure(StoreConfig.Builder builder) {
    }

    /** Opens this test's store with {@code Durability.NONE} (semantics, not crash safety). */
    protected final KvStore open() {
        return open(false);
    }

    /** Opens this test's store, with {@link MergeOperator#int64Add()} when {@code merge}. */
    protected final KvStore open(boolean merge) {
        StoreConfig.Builder builder = StoreConfig.builder().durability(Durability.NONE);
        if (merge) {
            builder.mergeOperator(MergeOperator.int64Add());
        }
        configure(builder);
        KvStore store = factory().open(Kit.mkdirs(tempDir.resolve("store")), builder.build());
        opened.add(store);
        return store;
    }

    @AfterEach
    public void closeAll() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(Kit.HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        }
        opened.forEach(KvStore::close);
    }

    private static void assumeCapability(KvStore store, Capability c) {
        assumeTrue(store.capabilities().contains(c), () -> store.kind() + " lacks " + c);
    }

    /** Runs {@code n} tasks at once (released together) and waits for all, rethrowing the first failure. */
    private <T> List<T> runAll(String what, List<Callable<T>> tasks) {
        if (executor == null) {
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "concurrency-suite");
                t.setDaemon(true);
                return t;
            });
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(executor.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(Kit.await(f, what));
        }
        return results;
    }

    /**
     * Attempts for contended transactions: first-committer-wins can starve a transaction for a
     * while under four busy threads, and these tests are about invariants, not the retry budget.
     */
    private static final int CONTENDED_ATTEMPTS = 1_000;

    private static int iterations(int base) {
        return base * Kit.soak();
    }

    // ------------------------------------------------------------------ counters

    @Test
    public void compareAndSetCountersLoseNoIncrement() {
        KvStore store = open();
        int perThread = iterations(400);
        byte[][] counters = {b("c0"), b("c1"), b("c2")};
        for (byte[] c : counters) {
            store.put(c, i64(0));
        }
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            tasks.add(() -> {
                Random random = new Random(seed);
                long retries = 0;
                for (int i = 0; i < perThread; i++) {
                    byte[] key = counters[random.nextInt(counters.length)];
                    while (true) {
                        byte[] current = store.get(key);
                        Thread.yield(); // widen the race window: lost updates must still not happen
                        if (store.compareAndSet(key, current, i64(i64(current) + 1))) {
                            break;
                        }
                        retries++;
                    }
                }
                return retries;
            });
        }
        runAll("CAS incrementers", tasks);
        long total = 0;
        for (byte[] c : counters) {
            total += i64(store.get(c));
        }
        assertThat(total).as("increments that survived").isEqualTo((long) THREADS * perThread);
    }

    @Test
    public void mergeCountersLoseNoIncrement() {
        KvStore store;
        try {
            store = open(true);
        } catch (UnsupportedFeatureException e) {
            assumeTrue(e.capability() != Capability.MERGE, "the engine refuses a merge operator: it lacks MERGE");
            throw e;
        }
        assumeCapability(store, Capability.MERGE);
        int perThread = iterations(1_000);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.merge(b("hits"), i64(1));
                    if (i % 10 == 0) {
                        store.write(new WriteBatch().merge(b("hits"), i64(2)).merge(b("batches"), i64(1)));
                    }
                }
                return null;
            });
        }
        runAll("merge incrementers", tasks);
        long batches = (long) THREADS * ((perThread + 9) / 10);
        assertThat(i64(store.get(b("batches")))).isEqualTo(batches);
        assertThat(i64(store.get(b("hits")))).isEqualTo((long) THREADS * perThread + 2 * batches);
    }

    @Test
    public void transactionalCountersLoseNoIncrement() {
        KvStore store = open();
        assumeCapability(store, Capability.TRANSACTIONS);
        int perThread = iterations(250);
        store.put(b("n"), i64(0));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.inTransaction(CONTENDED_ATTEMPTS, txn -> {
                        long n = i64(txn.get(b("n")));
                        Thread.yield(); // widen the window so transactions overlap and conflict
                        txn.put(b("n"), i64(n + 1));
                        return null;
                    });
                }
                return null;
            });
        }
        runAll("transactional incrementers", tasks);
        assertThat(i64(store.get(b("n")))).isEqualTo((long) THREADS * perThread);
        assertThat(store.metrics().commits()).isGreaterThanOrEqualTo((long) THREADS * perThread);
    }

    // ------------------------------------------------------------------ bank transfers

    private static final int ACCOUNTS = 8;
    private static final long OPENING_BALANCE = 1_000;

    private static byte[] account(int i) {
        return b("acct-" + i);
    }

    private static long total(KvReader view) {
        long sum = 0;
        for (int i = 0; i < ACCOUNTS; i++) {
            long balance = i64(view.get(account(i)));
            assertThat(balance).as("balance of account %d", i).isNotNegative();
            sum += balance;
        }
        return sum;
    }

    private static long scannedTotal(KvReader view) {
        List<KvEntry> entries = Kit.scan(view, KeyRange.prefix(b("acct-")));
        assertThat(entries).as("accounts seen by one scan").hasSize(ACCOUNTS);
        return entries.stream().mapToLong(en -> i64(en.value())).sum();
    }

    @Test
    public void bankTransfersInTransactionsKeepTheTotal() {
        KvStore store = open();
        assumeCapability(store, Capability.TRANSACTIONS);
        boolean snapshots = store.capabilities().contains(Capability.SNAPSHOTS);
        WriteBatch opening = new WriteBatch();
        for (int i = 0; i < ACCOUNTS; i++) {
            opening.put(account(i), i64(OPENING_BALANCE));
        }
        store.write(opening);
        long expected = ACCOUNTS * OPENING_BALANCE;
        int perThread = iterations(250);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong audits = new AtomicLong();

        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            tasks.add(() -> {
                Random random = new Random(seed);
                for (int i = 0; i < perThread; i++) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + random.nextInt(50);
                    store.inTransaction(CONTENDED_ATTEMPTS, txn -> {
                        long a = i64(txn.get(account(from)));
                        Thread.yield();
                        long bal = i64(txn.get(account(to)));
                        if (a >= amount) {
                            txn.put(account(from), i64(a - amount));
                            txn.put(account(to), i64(bal + amount));
                        }
                        return null;
                    });
                }
                return null;
            });
        }
        tasks.add(() -> {
            // The auditor: every consistent view must show the opening total.
            while (running.get() || audits.get() < 3) {
                if (snapshots) {
                    try (KvSnapshot snap = store.snapshot()) {
                        assertThat(total(snap)).as("total seen by a snapshot").isEqualTo(expected);
                        assertThat(scannedTotal(snap)).as("total scanned in a snapshot").isEqualTo(expected);
                    }
                }
                long inTxn = store.inTransaction(KvStoreConcurrencySuite::total);
                assertThat(inTxn).as("total seen by a transaction").isEqualTo(expected);
                assertThat(scannedTotal(store)).as("total seen by one cursor").isEqualTo(expected);
                List<byte[]> all = store.getAll(IntStream.range(0, ACCOUNTS).mapToObj(KvStoreConcurrencySuite::account).toList());
                assertThat(all.stream().mapToLong(Kit::i64).sum()).as("total seen by getAll").isEqualTo(expected);
                audits.incrementAndGet();
            }
            return null;
        });
        runUntilWritersFinish(tasks, THREADS, running);
        assertThat(total(store)).isEqualTo(expected);
        assertThat(audits.get()).isGreaterThanOrEqualTo(3);
    }

    // ------------------------------------------------------------------ batches seen whole

    @Test
    public void scansDuringBatchWritesSeeWholeBatches() {
        KvStore store = open();
        int groupSize = 10;
        int perWriter = iterations(400);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong scans = new AtomicLong();
        int writers = THREADS / 2;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int group = w;
            tasks.add(() -> {
                // Each writer owns one group of keys and keeps its sum at zero with atomic batches;
                // now and then it deletes the whole group and writes it back.
                Random random = new Random(group);
                long[] values = new long[groupSize];
                store.write(groupBatch(group, values));
                for (int i = 0; i < perWriter; i++) {
                    if (i % 25 == 24) {
                        WriteBatch delete = new WriteBatch();
                        for (int k = 0; k < groupSize; k++) {
                            delete.delete(groupKey(group, k));
                        }
                        store.write(delete);
                        store.write(groupBatch(group, values));
                        continue;
                    }
                    int from = random.nextInt(groupSize);
                    int to = (from + 1 + random.nextInt(groupSize - 1)) % groupSize;
                    long amount = 1 + random.nextInt(100);
                    values[from] -= amount;
                    values[to] += amount;
                    store.write(new WriteBatch().put(groupKey(group, from), i64(values[from])).put(groupKey(group, to), i64(values[to])));
                }
                return null;
            });
        }
        for (int r = 0; r < THREADS - writers; r++) {
            boolean reverse = r % 2 == 1;
            tasks.add(() -> {
                while (running.get() || scans.get() < 10) {
                    KeyRange range = reverse ? KeyRange.prefix(b("g")).reversed() : KeyRange.prefix(b("g"));
                    Map<Integer, List<Long>> groups = new HashMap<>();
                    for (KvEntry en : Kit.scan(store, range)) {
                        int group = Integer.parseInt(s(en.key()).substring(1, 2));
                        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i64(en.value()));
                    }
                    groups.forEach((group, vals) -> {
                        assertThat(vals).as("keys of group %d seen by one scan", group).hasSize(groupSize);
                        assertThat(vals.stream().mapToLong(Long::longValue).sum()).as("sum of group %d seen by one scan", group).isZero();
                    });
                    scans.incrementAndGet();
                }
                return null;
            });
        }
        runUntilWritersFinish(tasks, writers, running);
        assertThat(scans.get()).isGreaterThanOrEqualTo(10);
    }

    private static byte[] groupKey(int group, int k) {
        return b("g" + group + "-" + k);
    }

    private static WriteBatch groupBatch(int group, long[] values) {
        WriteBatch batch = new WriteBatch();
        for (int k = 0; k < values.length; k++) {
            batch.put(groupKey(group, k), i64(values[k]));
        }
        return batch;
    }

    /** Runs writers (the first {@code writers} tasks) and readers; stops readers once writers finish. */
    private void runUntilWritersFinish(List<Callable<Void>> tasks, int writers, AtomicBoolean running) {
        CountDownLatch writersDone = new CountDownLatch(writers);
        List<Callable<Void>> wrapped = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Callable<Void> task = tasks.get(i);
            boolean writer = i < writers;
            wrapped.add(() -> {
                try {
                    return task.call();
                } finally {
                    if (writer) {
                        writersDone.countDown();
                    } else {
                        running.set(false);
                    }
                }
            });
        }
        wrapped.add(() -> {
            writersDone.await();
            running.set(false);
            return null;
        });
        runAll("writers and readers", wrapped);
    }

    @Test
    public void snapshotReadersSeeAFrozenWholeViewDuringWrites() {
        KvStore store = open();
        assumeCapability(store, Capability.SNAPSHOTS);
        int width = 12;
        List<byte[]> keys = IntStream.range(0, width).mapToObj(i -> b("s" + i)).toList();
        int perWriter = iterations(300);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong checks = new AtomicLong();
        List<Callable<Void>> tasks = new ArrayList<>();
        int writers = 2;
        for (int w = 0; w < writers; w++) {
            int id = w;
            tasks.add(() -> {
                for (int i = 0; i < perWriter; i++) {
                    WriteBatch batch = new WriteBatch();
                    for (byte[] k : keys) {
                        batch.put(k, i64(id * 1_000_000L + i));
                    }
                    store.write(batch);
                }
                return null;
            });
        }
        for (int r = 0; r < THREADS - writers; r++) {
            tasks.add(() -> {
                while (running.get() || checks.get() < 10) {
                    try (KvSnapshot snap = store.snapshot()) {
                        List<byte[]> first = snap.getAll(keys);
                        List<KvEntry> scanned = Kit.scan(snap, KeyRange.prefix(b("s")));
                        Thread.yield();
                        List<byte[]> second = snap.getAll(keys);
                        assertThat(first.stream().map(v -> v == null ? null : i64(v)).distinct().count())
                                .as("one generation per snapshot").isEqualTo(1);
                        assertThat(second.stream().map(v -> v == null ? null : i64(v)).toList())
                                .as("a snapshot does not move").isEqualTo(first.stream().map(v -> v == null ? null : i64(v)).toList());
                        if (first.getFirst() != null) {
                            assertThat(scanned).hasSize(width);
                            assertThat(scanned.stream().map(en -> i64(en.value())).distinct().toList())
                                    .containsExactly(i64(first.getFirst()));
                        }
                    }
                    checks.incrementAndGet();
                }
                return null;
            });
        }
        runUntilWritersFinish(tasks, writers, running);
        assertThat(checks.get()).isGreaterThanOrEqualTo(10);
    }

    // ------------------------------------------------------------------ keyspaces, distinct keys

    @Test
    public void writersToDistinctKeyspacesStayApart() {
        KvStore store = open();
        assumeCapability(store, Capability.KEYSPACES);
        int perThread = iterations(600);
        List<Callable<TreeMap<String, String>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            tasks.add(() -> {
                Keyspace ks = store.keyspace("space-" + id);
                Random random = new Random(id);
                TreeMap<String, String> expected = new TreeMap<>();
                for (int i = 0; i < perThread; i++) {
                    String key = "k" + random.nextInt(50);
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            ks.delete(b(key));
                            expected.remove(key);
                        }
                        case 1 -> {
                            store.write(new WriteBatch().put("space-" + id, b(key), b(id + ":" + i)));
                            expected.put(key, id + ":" + i);
                        }
                        default -> {
                            ks.put(b(key), b(id + ":" + i));
                            expected.put(key, id + ":" + i);
                        }
                    }
                }
                return expected;
            });
        }
        List<TreeMap<String, String>> expected = runAll("keyspace writers", tasks);
        for (int t = 0; t < THREADS; t++) {
            TreeMap<String, String> actual = new TreeMap<>();
            for (KvEntry en : Kit.scan(store.keyspace("space-" + t), KeyRange.all())) {
                actual.put(s(en.key()), s(en.value()));
            }
            assertThat(actual).as("keyspace space-%d", t).isEqualTo(expected.get(t));
            assertThat(store.keyspace("space-" + t).count()).isEqualTo(expected.get(t).size());
        }
        assertThat(store.keyspaces()).contains("space-0", "space-1", "space-2", "space-3");
        assertThat(store.count()).as("the default keyspace got nothing").isZero();
    }

    @Test
    public void concurrentPutsOfDistinctKeysAllLand() {
        KvStore store = open();
        int perThread = iterations(1_000);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.put(b(String.format("t%d-%06d", id, i)), b(Integer.toString(i)));
                }
                return null;
            });
        }
        runAll("putters", tasks);
        assertThat(store.count()).isEqualTo((long) THREADS * perThread);
        for (int t = 0; t < THREADS; t++) {
            List<KvEntry> mine = Kit.scan(store, KeyRange.prefix(b("t" + t + "-")));
            assertThat(mine).hasSize(perThread);
            for (int i = 0; i < perThread; i++) {
                assertThat(s(mine.get(i).value())).isEqualTo(Integer.toString(i));
            }
        }
    }
}
