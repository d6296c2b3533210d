package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.Expiry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** checkIntegrity() reports each broken invariant instead of throwing. */
class IntegrityTest {

    private final MemoryStore store = new MemoryStore(StoreConfig.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void aHealthyStoreChecksEveryVersion() {
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"), Duration.ofMinutes(1));
        store.keyspace("other").put(b("c"), b("3"));
        try (var snap = store.snapshot()) {
            store.put(b("a"), b("1'"));
            IntegrityReport report = store.checkIntegrity();
            assertThat(report.ok()).isTrue();
            assertThat(report.entriesChecked()).isEqualTo(4);
            assertThat(snap.get(b("a"))).isEqualTo(b("1"));
        }
    }

    @Test
    void disorderedChainsAreReported() {
        store.put(b("a"), b("1"));
        KeyspaceData d = store.keyspaceData("default");
        Version head = d.map.get(b("a"));
        head.next = new Version(head.seq + 5, b("0"), Expiry.NEVER, null);
        assertThat(store.checkIntegrity().problems()).anyMatch(p -> p.contains("not below"))
                .anyMatch(p -> p.contains("above the last committed"))
                .anyMatch(p -> p.contains("versions retained"));
    }

    @Test
    void aWrongLiveCountOrExpiryIndexIsReported() {
        store.put(b("a"), b("1"), Duration.ofMinutes(1));
        KeyspaceData d = store.keyspaceData("default");
        d.expiries.clear();
        d.map.put(b("ghost"), new Version(1, b("x"), Expiry.NEVER, null));
        IntegrityReport report = store.checkIntegrity();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("missing from the expiry index"))
                .anyMatch(p -> p.contains("live count is 1 but 2"));
    }
}
