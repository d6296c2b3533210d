package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** count() from the live counter and the expiry index, in the store and in pinned views. */
class ExpiryCountTest {

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

    private KeyspaceData data() {
        return store.keyspaceData("default");
    }

    @Test
    void theIndexTracksExactlyTheNewestVersionsWithAnExpiry() {
        store.put(b("a"), b("1"), Duration.ofSeconds(10));
        store.put(b("b"), b("2"), Duration.ofSeconds(20));
        store.put(b("c"), b("3"));
        assertThat(data().expiries.size()).isEqualTo(2);
        store.put(b("a"), b("1'"));                        // overwrite without ttl: leaves the index
        store.persist(b("b"));                             // persist: leaves the index
        assertThat(data().expiries.isEmpty()).isTrue();
        store.expire(b("c"), Duration.ofSeconds(5));       // expire: joins it
        store.put(b("a"), b("1''"), Duration.ofSeconds(7)); // put with ttl: joins it
        assertThat(data().expiries.size()).isEqualTo(2);
        store.delete(b("c"));
        assertThat(data().expiries.size()).isEqualTo(1);
    }

    @Test
    void countSubtractsExpiredButUnpurgedKeys() {
        for (int i = 0; i < 10; i++) {
            store.put(b("p" + i), b("v"));
        }
        for (int i = 0; i < 5; i++) {
            store.put(b("t" + i), b("v"), Duration.ofSeconds(i + 1).plusMillis(500));
        }
        assertThat(store.count()).isEqualTo(15);
        clock.advance(Duration.ofSeconds(3)); // t0 (1.5 s) and t1 (2.5 s) expired
        assertThat(store.count()).isEqualTo(13);
        assertThat(data().expiries.expiredCount(clock.millis())).isEqualTo(2);
        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(store.count()).isEqualTo(13);
        assertThat(data().expiries.size()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(store.count()).isEqualTo(10);
    }

    @Test
    void aViewAfterTheLastWriteCountsFromTheCountersAndAnOlderViewFromItsVersions() {
        for (int i = 0; i < 5; i++) {
            store.put(b("k" + i), b("v"));
        }
        store.put(b("t"), b("v"), Duration.ofMillis(1_500));
        try (KvSnapshot before = store.snapshot()) {
            assertThat(before.count()).isEqualTo(6);          // fast path
            store.delete(b("k0"));
            store.put(b("new"), b("v"));
            store.put(b("k1"), b("v'"));
            assertThat(before.count()).isEqualTo(6);          // slow path: counts pinned versions
            assertThat(store.count()).isEqualTo(6);
            clock.advance(Duration.ofSeconds(2));
            assertThat(before.count()).as("expiry is judged at read time in a snapshot too").isEqualTo(5);
            assertThat(store.count()).isEqualTo(5);
            try (KvSnapshot after = store.snapshot()) {
                assertThat(after.count()).isEqualTo(5);
            }
        }
    }

    @Test
    void aTransactionCountsItsOwnWritesOverItsView() {
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"), Duration.ofSeconds(1));
        try (KvTxn txn = store.begin()) {
            txn.put(b("c"), b("3"));
            txn.delete(b("a"));
            txn.put(b("d"), b("4"), Duration.ofSeconds(5));
            assertThat(txn.count()).isEqualTo(3);
            clock.advance(Duration.ofSeconds(2));
            assertThat(txn.count()).isEqualTo(2);
            txn.commit();
        }
        assertThat(store.count()).isEqualTo(2);
    }
}
