package dev.oxistore.encrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the inner store holds: sealed values in the documented format, never plaintext. */
class EncryptionAtRestTest {

    private final List<KvStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(KvStore::close);
    }

    private EncryptedKvStore open(Algorithm algorithm, StoreConfig config) {
        EncryptedKvStore store = EncryptedKvStore.wrap(EncryptedStores.memory(config), EncryptedStores.KEYRING, algorithm);
        opened.add(store);
        return store;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theInnerStoreHoldsTheDocumentedFormatAndNoPlaintext(Algorithm algorithm) {
        EncryptedKvStore store = open(algorithm, StoreConfig.defaults());
        byte[] secret = b("attack at dawn, attack at dawn, attack at dawn");
        store.put(b("k"), secret);
        byte[] sealed = store.inner().get(b("k"));
        int nonce = algorithm == Algorithm.XCHACHA20_POLY1305 ? 24 : 12;
        assertThat(sealed).hasSize(6 + nonce + 48 + secret.length + 16);
        assertThat(Envelope.overhead(algorithm)).isEqualTo(sealed.length - secret.length);
        assertThat(sealed[0]).as("format version").isEqualTo((byte) 1);
        assertThat(sealed[1]).as("algorithm id").isEqualTo((byte) algorithm.id());
        assertThat(Envelope.getInt(sealed, 2)).as("key version").isEqualTo(1);
        assertThat(Bytes.hex(sealed)).doesNotContain(Bytes.hex(b("attack at dawn")));
        assertThat(store.get(b("k"))).isEqualTo(secret);
        assertThat(EncryptedKvStore.MAX_OVERHEAD).isEqualTo(94).isGreaterThanOrEqualTo(Envelope.overhead(algorithm));
    }

    @Test
    void sealingIsRandomisedSoEqualValuesDoNotShow() {
        EncryptedKvStore store = open(Algorithm.XCHACHA20_POLY1305, StoreConfig.defaults());
        store.put(b("a"), b("same"));
        store.put(b("b"), b("same"));
        byte[] a = store.inner().get(b("a"));
        store.put(b("a"), b("same"));
        byte[] again = store.inner().get(b("a"));
        assertThat(a).isNotEqualTo(store.inner().get(b("b"))).isNotEqualTo(again);
        // Fresh wrap nonce and fresh data key each time: neither the wrapped key nor the value repeats.
        assertThat(java.util.Arrays.copyOfRange(a, 30, a.length)).isNotEqualTo(java.util.Arrays.copyOfRange(again, 30, again.length));
    }

    /** Every write path seals: put, put with ttl, batches, merges, CAS, transactions, every keyspace. */
    @Test
    void everyWritePathSeals() {
        EncryptedKvStore store = open(Algorithm.XCHACHA20_POLY1305,
                StoreConfig.builder().mergeOperator(MergeOperator.append()).build());
        store.put(b("put"), b("plain-put"));
        store.put(b("ttl"), b("plain-ttl"), java.time.Duration.ofHours(1));
        store.write(new WriteBatch().put(b("batch"), b("plain-batch")).put("other", b("batch"), b("plain-other")));
        store.write(new WriteBatch().merge(b("bmerge"), b("plain-")).merge(b("bmerge"), b("bmerge")));
        store.merge(b("merge"), b("plain-"));
        store.merge(b("merge"), b("merge"));
        assertThat(store.compareAndSet(b("cas"), null, b("plain-cas-1"))).isTrue();
        assertThat(store.compareAndSet(b("cas"), b("plain-cas-1"), b("plain-cas-2"))).isTrue();
        store.keyspace("third").put(b("k"), b("plain-third"));
        store.inTransaction(t -> {
            t.put(b("txn"), b("plain-txn"));
            t.merge(b("txn"), b("-merged"));
            t.keyspace("other").put(b("txn"), b("plain-txn-other"));
            return null;
        });
        int values = 0;
        for (String space : store.keyspaces()) {
            try (KvCursor c = store.inner().keyspace(space).scan(KeyRange.all())) {
                while (c.hasNext()) {
                    KvEntry e = c.next();
                    assertThat(new String(e.value(), StandardCharsets.ISO_8859_1)).as("%s/%s", space, Bytes.utf8(e.key()))
                            .doesNotContain("plain");
                    assertThat(e.value()[0]).isEqualTo((byte) 1);
                    values++;
                }
            }
        }
        assertThat(values).as("7 in default, 2 in other, 1 in third").isEqualTo(10);
        assertThat(store.get(b("merge"))).isEqualTo(b("plain-merge"));
        assertThat(store.get(b("bmerge"))).isEqualTo(b("plain-bmerge"));
        assertThat(store.get(b("cas"))).isEqualTo(b("plain-cas-2"));
        assertThat(store.get(b("txn"))).isEqualTo(b("plain-txn-merged"));
        assertThat(store.keyspace("other").get(b("txn"))).isEqualTo(b("plain-txn-other"));
    }

    @Test
    void keysAndOrderStayPlainSoScansWork() {
        EncryptedKvStore store = open(Algorithm.XCHACHA20_POLY1305, StoreConfig.defaults());
        for (String k : List.of("b", "a", "c", "ab")) {
            store.put(b(k), b("v" + k));
        }
        try (KvCursor inner = store.inner().scan(KeyRange.all())) {
            assertThat(inner.stream().map(e -> Bytes.utf8(e.key())).toList()).containsExactly("a", "ab", "b", "c");
        }
        try (KvCursor c = store.scan(KeyRange.prefix(b("a")).reversed())) {
            assertThat(c.stream().map(e -> Bytes.utf8(e.value())).toList()).containsExactly("vab", "va");
        }
    }

    @Test
    void theValueLimitLeavesRoomForTheOverhead() {
        EncryptedKvStore store = open(Algorithm.XCHACHA20_POLY1305, StoreConfig.builder().maxValueSize(100).build());
        assertThat(store.config().maxValueSize()).isEqualTo(100);
        assertThat(store.inner().config().maxValueSize()).isEqualTo(100 + EncryptedKvStore.MAX_OVERHEAD);
        store.put(b("k"), new byte[100]);
        assertThatThrownBy(() -> store.put(b("k"), new byte[101])).isInstanceOf(InvalidArgumentException.class);
        KvStore tight = EncryptedStores.engine(dev.oxistore.kv.EngineKind.MEMORY)
                .openInMemory(StoreConfig.builder().maxValueSize(50).build());
        opened.add(tight);
        assertThatThrownBy(() -> EncryptedKvStore.wrap(tight, EncryptedStores.KEYRING))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("innerConfig");
    }

    @Test
    void theKeyRecordsKeyspaceIsHiddenAndReserved() {
        EncryptedKvStore store = open(Algorithm.XCHACHA20_POLY1305, StoreConfig.defaults());
        store.put(b("k"), b("v"));
        assertThat(store.inner().keyspaces()).contains("oxistore.encrypt");
        assertThat(store.keyspaces()).containsExactly("default");
        assertThatThrownBy(() -> store.keyspace("oxistore.encrypt")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> store.dropKeyspace("oxistore.encrypt")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> store.write(new WriteBatch().put("oxistore.encrypt", b("x"), b("y"))))
                .isInstanceOf(InvalidArgumentException.class);
        try (KvTxn t = store.begin(); var snap = store.snapshot()) {
            assertThatThrownBy(() -> t.keyspace("oxistore.encrypt")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> snap.keyspace("oxistore.encrypt")).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void metricsCountSealsAndOpens() {
        EncryptedKvStore store = open(Algorithm.XCHACHA20_POLY1305, StoreConfig.defaults());
        store.put(b("a"), b("1"));
        store.put(b("b"), b("2"));
        store.get(b("a"));
        store.getAll(List.of(b("a"), b("b"), b("none")));
        Map<String, Long> engine = store.metrics().engine();
        assertThat(engine.get("encrypt.sealed")).isEqualTo(2);
        assertThat(engine.get("encrypt.opened")).isEqualTo(3);
        assertThat(engine.get("encrypt.authFailures")).isZero();
        assertThat(engine.get("encrypt.primaryVersion")).isEqualTo(1);
    }

    @Test
    void mergeNeedsTransactionsInTheInnerStore() {
        KvStore inner = new LimitedStore(EncryptedStores.memory(StoreConfig.builder().mergeOperator(MergeOperator.int64Add()).build()),
                Capability.TRANSACTIONS);
        EncryptedKvStore store = EncryptedKvStore.wrap(inner, EncryptedStores.KEYRING);
        opened.add(store);
        assertThat(store.capabilities()).doesNotContain(Capability.MERGE, Capability.TRANSACTIONS);
        assertThatThrownBy(() -> store.merge(b("n"), new byte[8])).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("transactions");
        store.put(b("n"), b("v"));
        assertThat(store.compareAndSet(b("n"), b("v"), b("w"))).isTrue();
        assertThat(store.get(b("n"))).isEqualTo(b("w"));
    }

    @Test
    void wrapRefusesBadArguments() {
        KvStore inner = EncryptedStores.memory(StoreConfig.defaults());
        opened.add(inner);
        assertThatThrownBy(() -> EncryptedKvStore.wrap(null, EncryptedStores.KEYRING)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> EncryptedKvStore.wrap(inner, null)).isInstanceOf(InvalidArgumentException.class);
        EncryptedKvStore store = EncryptedKvStore.wrap(inner, EncryptedStores.KEYRING);
        assertThatThrownBy(() -> EncryptedKvStore.wrap(store, EncryptedStores.KEYRING))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already encrypted");
    }

    /**
     * XChaCha wrap nonces (bytes 6-30) are the KEK's session prefix and a counter: all distinct,
     * one prefix per session, a new prefix after reopening, and the old session's values still open.
     */
    @Test
    void wrapNoncesAreASessionPrefixAndACounterAndANewSessionDrawsANewPrefix(@TempDir Path dir) {
        KvStore first = EncryptedStores.BTREE.open(dir, StoreConfig.defaults());
        HashSet<String> nonces = new HashSet<>();
        HashSet<String> firstPrefixes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            first.put(b("k" + i), b("v" + i));
            byte[] sealed = ((EncryptedKvStore) first).inner().get(b("k" + i));
            nonces.add(Bytes.hex(java.util.Arrays.copyOfRange(sealed, 6, 30)));
            firstPrefixes.add(Bytes.hex(java.util.Arrays.copyOfRange(sealed, 6, 22)));
        }
        first.close();
        assertThat(nonces).as("no wrap nonce repeats").hasSize(200);
        assertThat(firstPrefixes).as("one prefix per session").hasSize(1);

        KvStore second = EncryptedStores.BTREE.open(dir, StoreConfig.defaults());
        opened.add(second);
        second.put(b("new"), b("value"));
        byte[] sealed = ((EncryptedKvStore) second).inner().get(b("new"));
        assertThat(Bytes.hex(java.util.Arrays.copyOfRange(sealed, 6, 22))).isNotIn(firstPrefixes);
        for (int i = 0; i < 200; i++) {
            assertThat(second.get(b("k" + i))).isEqualTo(b("v" + i));
        }
        assertThat(second.get(b("new"))).isEqualTo(b("value"));
    }
}
