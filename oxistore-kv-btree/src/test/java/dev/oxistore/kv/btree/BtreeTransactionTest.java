package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conflict detection by commit sequence number, beyond what the conformance suite covers. */
class BtreeTransactionTest {

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();

    private KvStore open() {
        return new BtreeEngine().open(tmp.resolve("store"), StoreConfig.builder().clock(clock).build());
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void aWriteOfTheSameValueStillConflicts() {
        try (KvStore s = open()) {
            s.put(b("k"), b("1"));
            try (KvTxn t = s.begin()) {
                s.put(b("k"), b("2"));
                s.put(b("k"), b("1")); // back to what t saw
                t.put(b("k"), b("3"));
                assertThatThrownBy(t::commit).isInstanceOf(TxnConflictException.class);
            }
            assertThat(s.get(b("k"))).isEqualTo(b("1"));
        }
    }

    @Test
    void droppingAKeyspaceConflictsWithATransactionThatWritesIt() {
        try (KvStore s = open()) {
            s.keyspace("ks").put(b("a"), b("1"));
            try (KvTxn t = s.begin()) {
                t.keyspace("ks").put(b("b"), b("2"));
                s.dropKeyspace("ks");
                assertThatThrownBy(t::commit).isInstanceOf(TxnConflictException.class).hasMessageContaining("dropped");
            }
            assertThat(s.keyspace("ks").count()).isZero();
        }
    }

    @Test
    void purgingExpiredKeysConflictsWithNothing() {
        try (KvStore s = open()) {
            s.put(b("k"), b("old"), Duration.ofMillis(1_500));
            clock.advance(Duration.ofSeconds(2));
            try (KvTxn t = s.begin()) {
                assertThat(t.get(b("k"))).isNull();
                assertThat(s.purgeExpired()).isEqualTo(1);
                t.put(b("k"), b("new"));
                t.commit();
            }
            assertThat(s.get(b("k"))).isEqualTo(b("new"));
        }
    }
}
