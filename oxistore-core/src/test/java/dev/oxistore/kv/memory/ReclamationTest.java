package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Old versions are reclaimed as soon as no pin can see them, and never while one can. */
class ReclamationTest {

    private final TestClock clock = new TestClock();
    private final MemoryStore store = new MemoryStore(StoreConfig.builder().clock(clock).build());

    @AfterEach
    void close() {
        assertThat(store.checkIntegrity().problems()).isEmpty();
        store.close();
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void withoutPinsAnOverwrittenKeyKeepsOneVersion() {
        for (int i = 0; i < 100; i++) {
            store.put(b("k"), b("v" + i));
        }
        assertThat(store.retainedVersions()).isEqualTo(1);
        assertThat(store.get(b("k"))).isEqualTo(b("v99"));
    }

    @Test
    void aDeletedKeyLeavesNothingBehindWithoutPins() {
        store.put(b("k"), b("v"));
        store.delete(b("k"));
        assertThat(store.retainedVersions()).isZero();
        store.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")));
        store.write(new WriteBatch().delete(b("a")).delete(b("b")));
        assertThat(store.retainedVersions()).isZero();
    }

    @Test
    void aSnapshotKeepsExactlyTheVersionsItCanSee() {
        store.put(b("k"), b("seen"));
        store.put(b("gone"), b("seen too"));
        try (KvSnapshot snap = store.snapshot()) {
            for (int i = 0; i < 50; i++) {
                store.put(b("k"), b("v" + i));
            }
            store.delete(b("gone"));
            // k: the pinned version plus the newest; gone: its pinned value plus the tombstone
            assertThat(store.retainedVersions()).isEqualTo(4);
            store.compact();
            store.purgeExpired();
            assertThat(store.retainedVersions()).isEqualTo(4);
            assertThat(snap.get(b("k"))).isEqualTo(b("seen"));
            assertThat(snap.get(b("gone"))).isEqualTo(b("seen too"));
            assertThat(snap.count()).isEqualTo(2);
        }
        assertThat(store.pinCount()).isZero();
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(1);
        assertThat(store.get(b("k"))).isEqualTo(b("v49"));
    }

    @Test
    void writesAfterTheLastSnapshotClosedPruneTheirChainsToo() {
        store.put(b("k"), b("a"));
        KvSnapshot snap = store.snapshot();
        store.put(b("k"), b("b"));
        store.put(b("k"), b("c"));
        assertThat(store.retainedVersions()).isEqualTo(2);
        snap.close();
        store.put(b("k"), b("d")); // pruned on write, no compact needed
        assertThat(store.retainedVersions()).isEqualTo(1);
    }

    @Test
    void eachOfSeveralSnapshotsKeepsItsOwnVersion() {
        KvSnapshot[] snaps = new KvSnapshot[5];
        for (int i = 0; i < snaps.length; i++) {
            store.put(b("k"), b("v" + i));
            store.put(b("k"), b("between" + i)); // hidden from every snapshot: reclaimable
            snaps[i] = store.snapshot();
            store.put(b("k"), b("after" + i));
        }
        store.compact();
        // each snapshot's version (between0..4), plus the newest
        assertThat(store.retainedVersions()).isEqualTo(6);
        for (int i = 0; i < snaps.length; i++) {
            assertThat(snaps[i].get(b("k"))).isEqualTo(b("between" + i));
        }
        snaps[1].close();
        snaps[3].close();
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(4);
        assertThat(snaps[0].get(b("k"))).isEqualTo(b("between0"));
        assertThat(snaps[2].get(b("k"))).isEqualTo(b("between2"));
        assertThat(snaps[4].get(b("k"))).isEqualTo(b("between4"));
        for (KvSnapshot s : snaps) {
            s.close();
        }
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(1);
    }

    @Test
    void openCursorsAndTransactionsPinUntilClosedOrExhausted() {
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"));
        KvCursor cursor = store.scan(KeyRange.all());
        KvTxn txn = store.begin();
        assertThat(store.pinCount()).isEqualTo(2);
        store.put(b("a"), b("new"));
        store.delete(b("b"));
        assertThat(store.retainedVersions()).isEqualTo(4); // both old values are pinned
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(4);
        assertThat(txn.get(b("b"))).isEqualTo(b("2"));
        assertThat(cursor.next().value()).isEqualTo(b("1"));
        assertThat(cursor.next().value()).isEqualTo(b("2"));
        assertThat(cursor.hasNext()).isFalse(); // exhausted: unpinned without close
        assertThat(store.pinCount()).isEqualTo(1);
        txn.close();
        assertThat(store.pinCount()).isZero();
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(1);
        cursor.close();
    }

    @Test
    void getAllUnpinsWhenDone() {
        store.put(b("a"), b("1"));
        List<byte[]> values = store.getAll(List.of(b("a"), b("x")));
        assertThat(values.get(0)).isEqualTo(b("1"));
        assertThat(values.get(1)).isNull();
        assertThat(store.pinCount()).isZero();
    }

    @Test
    void purgingExpiredKeysReclaimsThemOncePinsAllow() {
        store.put(b("t"), b("v"), Duration.ofSeconds(1));
        store.put(b("p"), b("v"));
        clock.advance(Duration.ofSeconds(2));
        KvSnapshot snap = store.snapshot();
        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(store.retainedVersions()).isEqualTo(3); // t's value + tombstone kept for the snapshot, p
        snap.close();
        store.compact();
        assertThat(store.retainedVersions()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.metrics().expired()).isEqualTo(1);
    }

    @Test
    void droppingAKeyspaceReclaimsItAfterItsLastSnapshot() {
        for (int i = 0; i < 10; i++) {
            store.keyspace("ks").put(b("k" + i), b("v"));
        }
        KvSnapshot snap = store.snapshot();
        assertThat(store.dropKeyspace("ks")).isTrue();
        assertThat(store.keyspaces()).containsExactly("default");
        assertThat(store.retainedVersions()).isEqualTo(20);
        assertThat(snap.keyspace("ks").count()).isEqualTo(10);
        snap.close();
        store.compact();
        assertThat(store.retainedVersions()).isZero();
        assertThat(store.keyspace("ks").count()).isZero();
    }

    @Test
    void versionsFigureInTheMetrics() {
        store.put(b("a"), b("1"));
        assertThat(store.metrics().engine()).containsEntry("versions", 1L).containsEntry("pins", 0L);
    }
}
