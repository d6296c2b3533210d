package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TTL sidecar index: counting, lazy eviction, purging in rounds, and its agreement with the values. */
class BtreeTtlTest {

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();

    private KvStore open() {
        return new BtreeEngine().open(tmp.resolve("store"), StoreConfig.builder().clock(clock).durability(Durability.NONE).build());
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void countLeavesOutExpiredButUnpurgedEntriesPerKeyspace() {
        try (KvStore s = open()) {
            for (int i = 0; i < 100; i++) {
                s.put(b("p" + i), b("v"));
                s.put(b("t" + i), b("v"), Duration.ofSeconds(1 + i % 10));
                s.keyspace("other").put(b("t" + i), b("v"), Duration.ofSeconds(100));
            }
            assertThat(s.count()).isEqualTo(200);
            clock.advance(Duration.ofMillis(5_500));
            assertThat(s.count()).as("keys with 1..5 s left are gone").isEqualTo(150);
            assertThat(s.keyspace("other").count()).isEqualTo(100);
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
        try (KvStore s = open()) {
            assertThat(s.count()).as("after reopen").isEqualTo(150);
            assertThat(s.purgeExpired()).isEqualTo(50);
            assertThat(s.count()).isEqualTo(150);
            assertThat(s.purgeExpired()).isZero();
        }
    }

    @Test
    void aReadOfAnExpiredKeyLetsTheNextWriteRemoveIt() {
        try (KvStore s = open()) {
            s.put(b("k"), b("v"), Duration.ofSeconds(1));
            s.put(b("j"), b("v"), Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));
            long expired = s.metrics().expired();
            assertThat(s.get(b("k"))).isNull();
            s.put(b("other"), b("v"));
            assertThat(s.metrics().expired() - expired).as("k was evicted by the next write").isEqualTo(1);
            assertThat(s.purgeExpired()).as("only j was left for purge").isEqualTo(1);
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }

    @Test
    void purgeRemovesMoreThanOneRoundOfEntries() {
        try (KvStore s = open()) {
            int n = 10_000;
            for (int start = 0; start < n; start += 1000) {
                WriteBatch batch = new WriteBatch();
                for (int i = start; i < start + 1000; i++) {
                    batch.put("ks" + (i % 3), b("k" + i), b("v"), Duration.ofSeconds(1));
                }
                s.write(batch);
            }
            s.put(b("stays"), b("v"));
            clock.advance(Duration.ofSeconds(2));
            assertThat(s.purgeExpired()).isEqualTo(n);
            assertThat(s.count()).isEqualTo(1);
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }

    @Test
    void theIndexFollowsOverwritesExpireAndPersist() {
        try (KvStore s = open()) {
            s.put(b("a"), b("v"), Duration.ofSeconds(1));
            s.put(b("a"), b("v"));                            // no expiry any more
            s.put(b("b"), b("v"));
            s.expire(b("b"), Duration.ofSeconds(1));          // gains one
            s.put(b("c"), b("v"), Duration.ofSeconds(1));
            s.persist(b("c"));                                // loses it
            s.put(b("d"), b("v"), Duration.ofSeconds(1));
            s.put(b("d"), b("w"), Duration.ofSeconds(50));    // later expiry
            s.keyspace("gone").put(b("e"), b("v"), Duration.ofSeconds(1));
            s.dropKeyspace("gone");
            assertThat(s.checkIntegrity().ok()).isTrue();
            clock.advance(Duration.ofSeconds(2));
            assertThat(s.count()).isEqualTo(3);
            assertThat(s.purgeExpired()).as("only b").isEqualTo(1);
            assertThat(s.get(b("a"))).isNotNull();
            assertThat(s.get(b("c"))).isNotNull();
            assertThat(s.get(b("d"))).isEqualTo(b("w"));
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }
}
