package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-key writes ({@code put}, {@code put} with a TTL, {@code delete}) skip the write stage
 * ({@code BtreeStore.writeOne}); these check, in every durability mode, that they still do all a
 * staged write does: conflict records, watch events, the TTL index, no commit for a no-op, and
 * the per-commit bookkeeping (views, recorded entry counts) that a put to the same keyspace as
 * the last one no longer repeats.
 */
class BtreeSingleWriteTest {

    private static final List<Durability> MODES = List.of(Durability.NONE, Durability.FLUSH, Durability.SYNC);

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();

    private KvStore open(Durability d) {
        return new BtreeEngine().open(tmp.resolve(d.name()), StoreConfig.builder().clock(clock).durability(d).build());
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void singleWritesDuringATransactionConflictWithIt() {
        for (Durability d : MODES) {
            try (KvStore s = open(d)) {
                s.put(b("p"), b("0"));
                s.put(b("t"), b("0"));
                s.put(b("d"), b("0"));
                try (KvTxn txn = s.begin()) {
                    s.put(b("p"), b("1"));
                    s.put(b("t"), b("1"), Duration.ofHours(1));
                    s.delete(b("d"));
                    for (String k : List.of("p", "t", "d")) {
                        try (KvTxn t = s.begin()) {
                            assertThat(t.get(b(k))).as("%s: a transaction begun after the write sees it", d).isNotEqualTo(b("0"));
                        }
                    }
                    txn.put(b("p"), b("txn"));
                    assertThatThrownBy(txn::commit).as("%s: a put", d).isInstanceOf(TxnConflictException.class);
                }
                for (String k : List.of("t", "d")) {
                    s.put(b("d"), b("0"));
                    try (KvTxn txn = s.begin()) {
                        s.put(b("t"), b("2"), Duration.ofHours(1));
                        s.delete(b("d"));
                        txn.put(b(k), b("txn"));
                        assertThatThrownBy(txn::commit).as("%s: key %s", d, k).isInstanceOf(TxnConflictException.class);
                    }
                }
                assertThat(s.get(b("p"))).isEqualTo(b("1"));
                assertThat(s.get(b("d"))).isNull();
            }
        }
    }

    @Test
    void watchersSeeEverySingleWriteThatChangedSomething() throws InterruptedException {
        for (Durability d : MODES) {
            try (KvStore s = open(d)) {
                BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
                try (Watch _ = s.watch(new byte[0], events::add)) {
                    s.put(b("k"), b("v"));
                    s.put(b("k"), b("w"), Duration.ofHours(1));
                    s.delete(b("absent"));
                    s.delete(b("k"));
                    s.put(b("end"), b("x"));
                    List<WatchEvent> expected = List.of(
                            new WatchEvent(KvStore.DEFAULT_KEYSPACE, b("k"), b("v"), WatchEvent.Type.PUT),
                            new WatchEvent(KvStore.DEFAULT_KEYSPACE, b("k"), b("w"), WatchEvent.Type.PUT),
                            new WatchEvent(KvStore.DEFAULT_KEYSPACE, b("k"), null, WatchEvent.Type.DELETE),
                            new WatchEvent(KvStore.DEFAULT_KEYSPACE, b("end"), b("x"), WatchEvent.Type.PUT));
                    for (WatchEvent e : expected) {
                        // a hang guard, not a timing check
                        assertThat(events.poll(60, TimeUnit.SECONDS)).as("%s", d).isEqualTo(e);
                    }
                }
            }
        }
    }

    @Test
    void aPlainPutTakesTheKeyOutOfTheTtlIndex() {
        for (Durability d : MODES) {
            try (KvStore s = open(d)) {
                s.put(b("k"), b("v"), Duration.ofSeconds(1));
                s.put(b("k"), b("w"));
                s.put(b("gone"), b("v"), Duration.ofSeconds(1));
                clock.advance(Duration.ofSeconds(2));
                assertThat(s.count()).as("%s", d).isEqualTo(1);
                assertThat(s.purgeExpired()).as("%s: only the key that kept its TTL", d).isEqualTo(1);
                assertThat(s.get(b("k"))).isEqualTo(b("w"));
                assertThat(s.checkIntegrity().ok()).isTrue();
            }
        }
    }

    @Test
    void aDeleteThatChangesNothingCommitsNothing() {
        for (Durability d : MODES) {
            try (KvStore s = open(d)) {
                BtreeStore store = (BtreeStore) s;
                s.put(b("k"), b("v"));
                long applied = store.appliedSeqForTests();
                s.delete(b("absent"));
                s.keyspace("never").delete(b("k"));
                assertThat(store.appliedSeqForTests()).as("%s", d).isEqualTo(applied);
                assertThat(s.keyspaces()).doesNotContain("never");
                s.delete(b("k"));
                assertThat(store.appliedSeqForTests()).isEqualTo(applied + 1);
            }
        }
    }

    /**
     * A put to the keyspace the previous change went to skips looking it up and marking it
     * changed again; every view and every commit in between must still see it, the entry counts
     * each commit records must check out when the store opens again, and a keyspace dropped and
     * written again must be a new one.
     */
    @Test
    void putsToTheSameKeyspaceAcrossViewsAndCommitsStayVisibleAndCounted() {
        for (Durability d : MODES) {
            try (KvStore s = open(d)) {
                for (int i = 0; i < 20; i++) {
                    s.put(b("a" + i), b("v"));
                    assertThat(s.get(b("a" + i))).as("%s: read after put %d", d, i).isEqualTo(b("v"));
                    s.put(b("b" + i), b("v"));
                    if (i % 3 == 0) {
                        s.flush();
                    }
                    if (i % 4 == 0) {
                        s.keyspace("other").put(b("c" + i), b("v"));
                    }
                    s.put(b("d" + i), b("v"));
                    s.flush();
                }
                s.keyspace("other").put(b("last"), b("v")); // the change just before the drop goes to it
                s.dropKeyspace("other");
                s.keyspace("other").put(b("again"), b("v"));
                s.keyspace("other").put(b("again2"), b("v"));
                assertThat(s.keyspace("other").count()).isEqualTo(2);
                assertThat(s.count()).isEqualTo(60);
            }
            try (KvStore s = open(d)) {
                assertThat(s.count()).as("%s: after reopening", d).isEqualTo(60);
                assertThat(s.keyspace("other").count()).isEqualTo(2);
                assertThat(s.checkIntegrity().ok()).isTrue();
            }
        }
    }
}
