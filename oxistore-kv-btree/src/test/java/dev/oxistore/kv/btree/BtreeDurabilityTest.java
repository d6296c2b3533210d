package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each durability mode does when a write returns: group commit under SYNC, no visibility
 * before durability, and the same invariants under all three modes with many writers.
 */
class BtreeDurabilityTest {

    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long i64(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }

    @Test
    void concurrentSyncWritersShareOneFsyncAndStayInvisibleUntilIt() throws Exception {
        try (KvStore s = new BtreeEngine().open(tmp.resolve("store"), StoreConfig.defaults())) {
            BtreeStore store = (BtreeStore) s;
            s.put(b("warm-up"), b("v"));
            long fsyncs = s.metrics().engine().get("btree.fsyncs");
            long applied = store.appliedSeqForTests();
            int writers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            store.commitLockForTests().lock();
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int i = 0; i < writers; i++) {
                    byte[] k = b("k" + i);
                    done.add(pool.submit(() -> s.put(k, b("v"))));
                }
                while (store.appliedSeqForTests() < applied + writers) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < writers; i++) {
                    assertThat(s.get(b("k" + i))).as("a SYNC write is invisible before its fsync").isNull();
                }
                assertThat(s.count()).isEqualTo(1);
                assertThat(done).noneMatch(Future::isDone);
            } finally {
                store.commitLockForTests().unlock();
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(s.metrics().engine().get("btree.fsyncs") - fsyncs).as("one fsync for four writers").isEqualTo(1);
            for (int i = 0; i < writers; i++) {
                assertThat(s.get(b("k" + i))).isEqualTo(b("v"));
            }
        }
    }

    @Test
    void noneMakesWritesVisibleAtOnceAndFlushMakesThemDurable() {
        Path dir = tmp.resolve("store");
        StoreConfig none = StoreConfig.builder().durability(Durability.NONE)
                .engineOption(BtreeOptions.AUTO_COMMIT_DELAY_MS, "0").build();
        try (KvStore s = new BtreeEngine().open(dir, none)) {
            long fsyncs = s.metrics().engine().getOrDefault("btree.fsyncs", 0L);
            s.put(b("k"), b("v"));
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
            assertThat(s.metrics().engine().getOrDefault("btree.fsyncs", 0L)).as("NONE does not fsync per write").isEqualTo(fsyncs);
            s.flush();
            assertThat(s.metrics().engine().get("btree.fsyncs")).isEqualTo(fsyncs + 1);
        }
    }

    @Test
    void aTimerCommitThatWaitedBehindAnotherCommitDoesNotCommitAgain() throws Exception {
        // a 2 s delay: the committer looks every 666 ms and, once 2 s have passed since the last
        // commit, waits for the commit lock the test holds
        StoreConfig none = StoreConfig.builder().durability(Durability.NONE)
                .engineOption(BtreeOptions.AUTO_COMMIT_DELAY_MS, "2000").build();
        try (KvStore s = new BtreeEngine().open(tmp.resolve("store"), none)) {
            BtreeStore store = (BtreeStore) s;
            s.put(b("a"), b("1"));
            long commits;
            store.commitLockForTests().lock();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!store.commitLockForTests().hasQueuedThreads()) {
                    assertThat(System.nanoTime()).as("the committer comes for the lock").isLessThan(deadline);
                    Thread.sleep(5);
                }
                s.flush(); // a commit made meanwhile (this thread holds the lock, which is reentrant)
                s.put(b("b"), b("2")); // something a second commit would write
                commits = s.metrics().engine().get("btree.commits");
            } finally {
                store.commitLockForTests().unlock();
            }
            Thread.sleep(300); // the committer has the lock now; the delay since the flush has not passed
            assertThat(s.metrics().engine().get("btree.commits")).as("no commit right after the flush").isEqualTo(commits);
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void transfersKeepTheTotalAcrossThreadsAndReopen(Durability durability) throws Exception {
        Path dir = tmp.resolve("store-" + durability);
        StoreConfig config = StoreConfig.builder().durability(durability).build();
        int accounts = 8;
        long initial = 1_000;
        try (KvStore s = new BtreeEngine().open(dir, config)) {
            for (int a = 0; a < accounts; a++) {
                s.keyspace("bank").put(b("acct" + a), i64(initial));
            }
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    java.util.Random r = new java.util.Random(seed);
                    for (int i = 0; i < 60; i++) {
                        int from = r.nextInt(accounts);
                        int to = r.nextInt(accounts);
                        long amount = 1 + r.nextInt(20);
                        s.inTransaction(1_000, txn -> {
                            var bank = txn.keyspace("bank");
                            bank.put(b("acct" + from), i64(i64(bank.get(b("acct" + from))) - amount));
                            bank.put(b("acct" + to), i64(i64(bank.get(b("acct" + to))) + amount));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    try (var snap = s.snapshot()) {
                        long total = 0;
                        for (int a = 0; a < accounts; a++) {
                            total += i64(snap.keyspace("bank").get(b("acct" + a)));
                        }
                        assertThat(total).as("a snapshot sees whole transactions").isEqualTo(accounts * initial);
                    }
                }
                return null;
            }));
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        try (KvStore s = new BtreeEngine().open(dir, config)) {
            long total = 0;
            for (int a = 0; a < accounts; a++) {
                total += i64(s.keyspace("bank").get(b("acct" + a)));
            }
            assertThat(total).isEqualTo(accounts * initial);
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }
}
