package dev.oxistore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.EngineUnavailableException;
import dev.oxistore.kv.ErrorCode;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WrongEngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OxiStoreTest {

    /** HLOG is not a dependency of the facade (not even in test scope), so it is absent here. */
    private static final EngineKind ABSENT = EngineKind.HLOG;
    private static final EngineKind FAKE = MarkerFileEngine.KIND;

    @TempDir
    Path tmp;

    @Test
    void discoversTheMemoryEngineAndTheTestEngine() {
        assertThat(OxiStore.availableEngines()).contains(EngineKind.MEMORY, FAKE).doesNotContain(ABSENT);
        assertThatThrownBy(() -> OxiStore.availableEngines().add(ABSENT)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void openInMemoryGivesAWorkingStoreOfThatKind() {
        try (KvStore store = OxiStore.openInMemory(EngineKind.MEMORY)) {
            store.put(Bytes.utf8("k"), Bytes.utf8("v"));
            assertThat(store.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
            assertThat(store.kind()).isEqualTo(EngineKind.MEMORY);
            assertThat(store.path()).isEmpty();
        }
    }

    @Test
    void openInMemoryPassesTheConfigThrough() {
        StoreConfig config = StoreConfig.builder().durability(Durability.NONE).maxKeySize(8).build();
        try (KvStore store = OxiStore.openInMemory(EngineKind.MEMORY, config)) {
            assertThat(store.config().maxKeySize()).isEqualTo(8);
            assertThatThrownBy(() -> store.put(new byte[9], new byte[0])).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void aMissingEngineNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> OxiStore.openInMemory(ABSENT))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("dev.oxistore:" + ABSENT.artifactId());
        assertThatThrownBy(() -> OxiStore.open(ABSENT, tmp.resolve("s")))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("dev.oxistore:oxistore-kv-hlog");
        assertThatThrownBy(() -> OxiStore.destroy(ABSENT, tmp.resolve("s")))
                .isInstanceOf(EngineUnavailableException.class);
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void defaultEngineIsTheBTree() {
        assertThat(OxiStore.DEFAULT_ENGINE).isEqualTo(EngineKind.BTREE);
    }

    @Test
    void detectAsksEachEngine() {
        Path path = tmp.resolve("store");
        assertThat(OxiStore.detect(path)).as("missing path").isEmpty();
        assertThat(OxiStore.detect(tmp)).as("empty directory").isEmpty();
        OxiStore.open(FAKE, path).close();
        assertThat(OxiStore.detect(path)).contains(FAKE);
    }

    @Test
    void openOfAnExistingStoreUsesTheEngineThatWroteIt() {
        Path path = tmp.resolve("store");
        OxiStore.open(FAKE, path).close();
        try (KvStore store = OxiStore.open(path)) {
            assertThat(store.kind()).isEqualTo(FAKE);
            assertThat(store.path()).contains(path);
        }
    }

    @Test
    void namingAnotherEngineForAStoreIsRefusedWithTheOwnersName() {
        Path path = tmp.resolve("store");
        OxiStore.open(FAKE, path).close();
        assertThatThrownBy(() -> OxiStore.open(EngineKind.MEMORY, path))
                .isInstanceOf(WrongEngineException.class)
                .hasMessageContaining("holds a " + FAKE + " store")
                .satisfies(e -> assertThat(((WrongEngineException) e).code()).isEqualTo(ErrorCode.WRONG_ENGINE));
        assertThat(OxiStore.detect(path)).contains(FAKE);
    }

    @Test
    void destroyDeletesTheStoreAndRefusesAnotherEnginesStore() {
        Path path = tmp.resolve("store");
        OxiStore.open(FAKE, path).close();
        assertThatThrownBy(() -> OxiStore.destroy(EngineKind.MEMORY, path))
                .isInstanceOf(WrongEngineException.class)
                .hasMessageContaining(FAKE.name());
        assertThat(path.resolve(MarkerFileEngine.MARKER)).exists();

        OxiStore.destroy(FAKE, path);
        assertThat(path).doesNotExist();
        assertThat(OxiStore.detect(path)).isEmpty();
        OxiStore.destroy(FAKE, path); // a missing path is not an error
    }

    @Test
    void openReadOnlyDetectsTheEngineAndOpensReadOnly() {
        Path path = tmp.resolve("store");
        OxiStore.open(FAKE, path).close();
        try (KvStore store = OxiStore.openReadOnly(path)) {
            assertThat(store.kind()).isEqualTo(FAKE);
            assertThat(store.config().readOnly()).isTrue();
        }
    }

    @Test
    void openReadOnlyOfAMissingOrUnknownPathIsNotFound() {
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> OxiStore.openReadOnly(missing))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no store at " + missing);
        assertThat(missing).doesNotExist();
        assertThatThrownBy(() -> OxiStore.openReadOnly(tmp))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("dev.oxistore:" + ABSENT.artifactId());
    }

    @Test
    void backupAndRestoreGoThroughTheEngineThatWroteTheBackup() {
        Path path = tmp.resolve("store");
        Path backup = tmp.resolve("backup");
        Path restored = tmp.resolve("restored");
        try (KvStore store = OxiStore.open(FAKE, path)) {
            OxiStore.backup(store, backup);
        }
        assertThat(OxiStore.detect(backup)).contains(FAKE);
        OxiStore.restore(backup, restored);
        assertThat(OxiStore.detect(restored)).contains(FAKE);

        assertThatThrownBy(() -> OxiStore.restore(tmp.resolve("nothing"), tmp.resolve("t")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no backup at");
    }

    @Test
    void persistentStoreOfTheDefaultEngineSurvivesReopen() {
        assumeTrue(OxiStore.availableEngines().contains(EngineKind.BTREE), "BTREE engine not on the class path");
        Path path = tmp.resolve("btree");
        try (KvStore store = OxiStore.open(path)) {
            store.put(Bytes.utf8("k"), Bytes.utf8("v"));
        }
        try (KvStore store = OxiStore.openReadOnly(path)) {
            assertThat(store.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
        }
    }

    @Test
    void withoutTheDefaultEngineOpenNamesItsArtifact() {
        assumeFalse(OxiStore.availableEngines().contains(EngineKind.BTREE), "BTREE engine is on the class path");
        assertThatThrownBy(() -> OxiStore.open(tmp.resolve("x"), StoreConfig.defaults()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("dev.oxistore:oxistore-kv-btree");
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> OxiStore.open((Path) null)).isInstanceOf(InvalidArgumentException.class).hasMessage("path is null");
        assertThatThrownBy(() -> OxiStore.open(null, tmp)).isInstanceOf(InvalidArgumentException.class).hasMessage("engine kind is null");
        assertThatThrownBy(() -> OxiStore.open(tmp, null)).isInstanceOf(InvalidArgumentException.class).hasMessage("config is null");
        assertThatThrownBy(() -> OxiStore.openInMemory(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> OxiStore.detect(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> OxiStore.backup(null, tmp)).isInstanceOf(InvalidArgumentException.class).hasMessage("store is null");
        assertThatThrownBy(() -> OxiStore.restore(tmp, null)).isInstanceOf(InvalidArgumentException.class).hasMessage("target is null");
    }

    @Test
    void conflictingOptionsFailWithAMessageNamingBoth() {
        assertThatThrownBy(() -> StoreConfig.builder().readOnly(true).createIfMissing(true).build())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("readOnly").hasMessageContaining("createIfMissing");
        assertThatThrownBy(() -> StoreConfig.builder().durability(Durability.SYNC).durability(Durability.NONE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("durability is set twice");
        assertThatThrownBy(() -> StoreConfig.builder().engineOption("cache", "1").engineOption("cache", "2"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'cache' is set twice");
    }

    @Test
    void aReadOnlyConfigDoesNotCreateAMissingStore() {
        Path path = tmp.resolve("absent");
        StoreConfig readOnly = StoreConfig.builder().readOnly(true).build();
        assertThatThrownBy(() -> OxiStore.open(FAKE, path, readOnly)).isInstanceOf(NotFoundException.class);
        assertThat(Files.exists(path)).isFalse();
    }
}
