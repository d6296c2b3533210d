package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryEngineTest {

    @TempDir
    Path dir;

    private final MemoryEngine engine = new MemoryEngine();

    @Test
    void theServiceLoaderFindsTheEngine() {
        assertThat(ServiceLoader.load(KvEngine.class).stream().map(ServiceLoader.Provider::type))
                .contains(MemoryEngine.class);
        assertThat(engine.kind()).isEqualTo(EngineKind.MEMORY);
    }

    @Test
    void openInMemoryGivesAFreshStoreEachTime() {
        try (KvStore a = engine.openInMemory(StoreConfig.defaults()); KvStore b = engine.openInMemory(StoreConfig.defaults())) {
            a.put(new byte[]{1}, new byte[]{1});
            assertThat(b.get(new byte[]{1})).isNull();
            assertThat(a.kind()).isEqualTo(EngineKind.MEMORY);
            assertThat(a.path()).isEmpty();
            assertThat(a.sizeOnDisk()).isZero();
            assertThat(a.compact()).isZero();
            assertThat(a.capabilities()).contains(Capability.TRANSACTIONS, Capability.SNAPSHOTS, Capability.TTL,
                    Capability.MERGE, Capability.WATCH, Capability.KEYSPACES, Capability.INTEGRITY_CHECK,
                    Capability.READ_ONLY_OPEN)
                    .doesNotContain(Capability.PERSISTENT, Capability.BACKUP);
        }
    }

    @Test
    void openingAPathIsUnsupportedAndSaysWhatToUse() {
        assertThatThrownBy(() -> engine.open(dir, StoreConfig.defaults()))
                .isInstanceOfSatisfying(UnsupportedFeatureException.class,
                        e -> assertThat(e.capability()).isEqualTo(Capability.PERSISTENT))
                .hasMessageContaining("openInMemory").hasMessageContaining("BTREE");
        assertThat(engine.recognizes(dir)).isFalse();
    }

    @Test
    void destroyIgnoresAMissingPathAndRefusesAnExistingOne() throws Exception {
        assertThatCode(() -> engine.destroy(dir.resolve("missing"))).doesNotThrowAnyException();
        Path file = Files.writeString(dir.resolve("something"), "x");
        assertThatThrownBy(() -> engine.destroy(file)).isInstanceOf(WrongEngineException.class);
        assertThat(file).exists();
    }

    @Test
    void backupAndRestoreAreUnsupported() {
        try (KvStore s = engine.openInMemory(StoreConfig.defaults())) {
            assertThatThrownBy(() -> s.backup(dir.resolve("b"))).isInstanceOfSatisfying(UnsupportedFeatureException.class,
                    e -> assertThat(e.capability()).isEqualTo(Capability.BACKUP)).hasMessageContaining("BTREE");
        }
        assertThatThrownBy(() -> engine.restore(dir.resolve("b"), dir.resolve("t")))
                .isInstanceOf(UnsupportedFeatureException.class);
    }

    @Test
    void aReadOnlyStoreRefusesEveryWriteAndStillReads() {
        try (KvStore s = engine.openInMemory(StoreConfig.builder().readOnly(true).build())) {
            byte[] k = {1};
            assertThatThrownBy(() -> s.put(k, k)).isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(() -> s.delete(k)).isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(() -> s.compareAndSet(k, null, k)).isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(() -> s.write(new dev.oxistore.kv.WriteBatch().put(k, k))).isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(() -> s.keyspace("x").put(k, k)).isInstanceOf(ReadOnlyStoreException.class);
            assertThatThrownBy(() -> s.dropKeyspace("x")).isInstanceOf(ReadOnlyStoreException.class);
            try (var txn = s.begin()) {
                assertThatThrownBy(() -> txn.put(k, k)).isInstanceOf(ReadOnlyStoreException.class);
            }
            assertThat(s.get(k)).isNull();
            assertThat(s.count()).isZero();
        }
    }
}
