package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.log.WalBatch;
import dev.oxistore.kv.lsm.sst.Block;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.testkit.ManualClock;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to the LSM engine: group commit, compaction's treatment of versions, backups, detection. */
class LsmEngineTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    /** Entries of every type in the store's tables. */
    private static long tableEntries(LsmStore s, int type) {
        long n = 0;
        for (TableReader t : s.tree().allTables()) {
            for (int i = 0; i < t.blockCount(); i++) {
                Block block = t.block(i);
                for (byte[] k : block.keys) {
                    if (type < 0 || InternalKey.type(k) == type) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    @Test
    void concurrentSyncWritersShareFsyncs() throws Exception {
        try (LsmStore s = LsmStore.open(dir, StoreConfig.builder().durability(Durability.SYNC).build(), FileIo.DEFAULT)) {
            int threads = 8;
            int each = 100;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) {
                        s.put(b("t" + id + "-" + i), b("v"));
                    }
                }));
            }
            for (Thread t : workers) {
                t.join();
            }
            long syncs = s.metrics().engine().get("lsm.walSyncs");
            assertThat(s.count()).isEqualTo(threads * each);
            assertThat(syncs).as("fsyncs for %d acknowledged SYNC writes", threads * each).isPositive().isLessThan(threads * each);
        }
    }

    @Test
    void mergesAreStoredAsOperandsAndFoldedByCompaction() {
        StoreConfig config = StoreConfig.builder().mergeOperator(MergeOperator.int64Add()).build();
        try (LsmStore s = LsmStore.open(dir, config, FileIo.DEFAULT)) {
            s.put(b("n"), i64(10));
            for (int i = 0; i < 5; i++) {
                s.merge(b("n"), i64(1));
            }
            s.tree();
            long merges = s.tree().current().mem().map.keySet().stream().filter(k -> InternalKey.type(k) == InternalKey.MERGE).count();
            assertThat(merges).as("merge records in the memtable").isEqualTo(5);
            assertThat(ByteBuffer.wrap(s.get(b("n"))).getLong()).isEqualTo(15);
            s.compact();
            assertThat(tableEntries(s, InternalKey.MERGE)).as("merge records after compaction").isZero();
            assertThat(tableEntries(s, -1)).isEqualTo(1);
            assertThat(ByteBuffer.wrap(s.get(b("n"))).getLong()).isEqualTo(15);
        }
    }

    @Test
    void compactionKeepsWhatASnapshotSeesAndDropsItOnceReleased() {
        try (LsmStore s = LsmStore.open(dir, StoreConfig.defaults(), FileIo.DEFAULT)) {
            for (int i = 0; i < 100; i++) {
                s.put(b("k" + i), b("old" + i));
            }
            KvSnapshot snap = s.snapshot();
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 0) {
                    s.delete(b("k" + i));
                } else {
                    s.put(b("k" + i), b("new" + i));
                }
            }
            s.compact();
            assertThat(snap.count()).isEqualTo(100);
            assertThat(snap.get(b("k2"))).isEqualTo(b("old2"));
            assertThat(snap.get(b("k3"))).isEqualTo(b("old3"));
            assertThat(tableEntries(s, -1)).as("old and new versions while the snapshot is open").isEqualTo(200);
            snap.close();
            s.compact();
            assertThat(tableEntries(s, -1)).as("only live values once it is closed").isEqualTo(50);
            assertThat(s.count()).isEqualTo(50);
            assertThat(s.get(b("k3"))).isEqualTo(b("new3"));
        }
    }

    @Test
    void expiredValuesAndDroppedKeyspacesArePurgedByCompaction() {
        ManualClock clock = new ManualClock();
        try (LsmStore s = LsmStore.open(dir, StoreConfig.builder().clock(clock).build(), FileIo.DEFAULT)) {
            for (int i = 0; i < 50; i++) {
                s.put(b("t" + i), b("v"), Duration.ofSeconds(10));
                s.put(b("p" + i), b("v"));
                s.keyspace("gone").put(b("g" + i), b("v"));
            }
            s.compact();
            assertThat(tableEntries(s, -1)).isEqualTo(150);
            clock.advance(Duration.ofSeconds(11));
            assertThat(s.dropKeyspace("gone")).isTrue();
            s.compact();
            assertThat(tableEntries(s, -1)).as("expired values and the dropped keyspace are gone").isEqualTo(50);
            assertThat(s.count()).isEqualTo(50);
            assertThat(s.keyspace("gone").count()).isZero();
        }
    }

    @Test
    void aBackupTakenDuringWritesRestoresToAConsistentStore() throws Exception {
        Path store = dir.resolve("store");
        Path backup = dir.resolve("backup");
        Path restored = dir.resolve("restored");
        StoreConfig config = LsmFactory.small(StoreConfig.builder().durability(Durability.NONE)).build();
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try (KvStore s = new LsmEngine().open(store, config)) {
            for (int i = 0; i < 2_000; i++) {
                s.put(b(String.format("before-%05d", i)), b("v" + i));
            }
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    s.write(new dev.oxistore.kv.WriteBatch().put(b(String.format("during-%07d-a", i)), b("x"))
                            .put("other", b(String.format("during-%07d-b", i)), b("y")));
                    written.incrementAndGet();
                }
            });
            while (written.get() < 500) {
                Thread.onSpinWait();
            }
            s.backup(backup);
            stop.set(true);
            writer.join();
        }
        assertThat(new LsmEngine().recognizes(backup)).isTrue();
        new LsmEngine().restore(backup, restored);
        try (KvStore r = new LsmEngine().open(restored, config)) {
            assertThat(r.checkIntegrity().ok()).isTrue();
            for (int i = 0; i < 2_000; i++) {
                assertThat(r.get(b(String.format("before-%05d", i)))).isEqualTo(b("v" + i));
            }
            long a = r.count() - 2_000;
            long other = r.keyspace("other").count();
            assertThat(a).as("batches in the backup are whole").isEqualTo(other).isPositive();
        }
    }

    @Test
    void theManifestIsReplacedWhenItGrowsAndStillRecovers() throws Exception {
        StoreConfig config = LsmFactory.small(StoreConfig.builder().durability(Durability.NONE))
                .engineOption("lsm.maxManifestSize", "2048").build();
        java.util.Set<String> manifests = new java.util.HashSet<>();
        try (LsmStore s = LsmStore.open(dir, config, FileIo.DEFAULT)) {
            for (int i = 0; i < 3_000; i++) {
                s.put(b(String.format("k%05d", i)), b("value-" + i));
                if (i % 100 == 0) {
                    try (var files = Files.list(dir)) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("MANIFEST-")).forEach(manifests::add);
                    }
                }
            }
        }
        assertThat(manifests).as("manifests seen while writing").hasSizeGreaterThan(1);
        try (var files = Files.list(dir)) {
            List<Path> left = files.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).toList();
            assertThat(left).as("the replaced manifests are deleted").hasSize(1);
            assertThat(Files.size(left.getFirst())).as("the live manifest stays near its limit").isLessThan(2048 + 4096);
        }
        try (KvStore s = new LsmEngine().open(dir, config)) {
            assertThat(s.count()).isEqualTo(3_000);
            assertThat(s.get(b("k02999"))).isEqualTo(b("value-2999"));
        }
    }

    /**
     * A manifest edit written while a commit that creates a keyspace waits for its log fsync must
     * not record the keyspace: a crash that loses the commit would leave it, empty, behind.
     */
    @Test
    void aKeyspaceCreatedByACommitNotYetDurableIsNotInTheManifest() throws Exception {
        StoreConfig config = StoreConfig.builder().durability(Durability.SYNC).build();
        LsmStore s = LsmStore.open(dir, config, FileIo.DEFAULT);
        s.put(b("k"), b("v"));
        s.compact();
        Tree tree = s.tree();
        // a commit numbered and applied under the commit lock, its fsync (and so its visibility) pending
        WalBatch inFlight = new WalBatch(tree.lastSeq + 1, List.of(new WalBatch.CreateKeyspace(tree.keyspaces.allocateId(), "x"),
                new WalBatch.Data(InternalKey.PUT, tree.keyspaces.allocateId(), b("xk"), InternalKey.value(b("xv"), 0))));
        Committer.apply(inFlight, tree.current().mem(), tree.keyspaces);
        tree.lastSeq = inFlight.firstSeq() + 1;
        s.background().compactAll(); // a manifest edit meanwhile
        s.abandonForTest(); // the crash: the commit never reached the log
        try (KvStore r = new LsmEngine().open(dir, config)) {
            assertThat(r.keyspaces()).as("keyspaces after the crash").containsExactly(KvStore.DEFAULT_KEYSPACE);
            assertThat(r.get(b("k"))).isEqualTo(b("v"));
        }
    }

    @Test
    void aStoreDirectoryIsRecognizedAndDestroyed() {
        LsmEngine engine = new LsmEngine();
        Path store = dir.resolve("s");
        assertThat(engine.recognizes(store)).isFalse();
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            s.put(b("k"), b("v"));
        }
        assertThat(engine.recognizes(store)).isTrue();
        engine.destroy(store);
        assertThat(Files.exists(store)).isFalse();
    }
}
