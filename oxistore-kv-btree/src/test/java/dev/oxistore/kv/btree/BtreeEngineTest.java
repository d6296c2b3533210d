package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreLockedException;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's directory handling: discovery, recognition, creation, locking, options, destroy. */
class BtreeEngineTest {

    @TempDir
    Path tmp;

    @Test
    void aCreationKilledAfterTheMarkerReadsAsNoStoreReadOnlyAndCompletesOnAWritableOpen() {
        Path store = tmp.resolve("half-created");
        new BtreeEngine().open(store, StoreConfig.defaults()).close();
        // the state a kill leaves between writing the marker and MVStore creating its file
        assertThat(store.resolve(StoreDir.DATA).toFile().delete()).isTrue();
        assertThatThrownBy(() -> new BtreeEngine().open(store, StoreConfig.builder().readOnly(true).build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("never initialised");
        try (KvStore s = new BtreeEngine().open(store, StoreConfig.defaults())) {
            s.put(Bytes.utf8("k"), Bytes.utf8("v"));
        }
        try (KvStore s = new BtreeEngine().open(store, StoreConfig.builder().readOnly(true).build())) {
            assertThat(s.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
        }
    }

    private final BtreeEngine engine = new BtreeEngine();

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void serviceLoaderFindsTheEngineForBtree() {
        List<KvEngine> found = ServiceLoader.load(KvEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.kind() == EngineKind.BTREE).toList();
        assertThat(found).hasSize(1).first().isInstanceOf(BtreeEngine.class);
    }

    @Test
    void recognizesItsOwnStoresOnly() throws IOException {
        Path store = tmp.resolve("store");
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            s.put(b("k"), b("v"));
        }
        assertThat(engine.recognizes(store)).isTrue();

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(engine.recognizes(empty)).isFalse();
        assertThat(engine.recognizes(tmp.resolve("missing"))).isFalse();
        assertThat(engine.recognizes(store.resolve(StoreDir.DATA))).as("the data file itself").isFalse();

        Path plainH2 = tmp.resolve("plain.mv.db");
        MVStore.open(plainH2.toString()).close();
        assertThat(engine.recognizes(plainH2)).isFalse();

        Path foreignMarker = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreignMarker.resolve(StoreDir.MARKER), "oxistore-kv-lsm\nformat=1\n");
        assertThat(engine.recognizes(foreignMarker)).isFalse();
    }

    @Test
    void aPlainH2FileOrAForeignDirectoryIsTheWrongEngine() throws IOException {
        Path plainH2 = tmp.resolve("plain.mv.db");
        MVStore.open(plainH2.toString()).close();
        assertThatThrownBy(() -> engine.open(plainH2, StoreConfig.defaults()))
                .isInstanceOf(WrongEngineException.class).hasMessageContaining("plain H2 MVStore file");

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("data.sst"), "x");
        assertThatThrownBy(() -> engine.open(foreign, StoreConfig.defaults()))
                .isInstanceOf(WrongEngineException.class).hasMessageContaining("data.sst");
        assertThat(Files.list(foreign).count()).as("nothing was added to the foreign directory").isEqualTo(1);

        // an H2 file without OxiStore metadata inside a directory that claims to be ours
        Path fake = Files.createDirectories(tmp.resolve("fake"));
        Files.writeString(fake.resolve(StoreDir.MARKER), "oxistore-kv-btree\nformat=1\n");
        MVStore h2 = MVStore.open(fake.resolve(StoreDir.DATA).toString());
        h2.openMap("users").put("a", "b");
        h2.close();
        assertThatThrownBy(() -> engine.open(fake, StoreConfig.defaults())).isInstanceOf(WrongEngineException.class);
    }

    @Test
    void missingStoresAreCreatedOnlyWhenAllowed() {
        Path store = tmp.resolve("a/b/store");
        assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().createIfMissing(false).build()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().readOnly(true).build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(Files.exists(store)).isFalse();
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            assertThat(s.path()).contains(store);
            assertThat(s.capabilities()).containsExactlyInAnyOrder(Capability.values());
        }
        assertThat(Files.exists(store.resolve(StoreDir.MARKER))).isTrue();
        assertThat(Files.exists(store.resolve(StoreDir.DATA))).isTrue();
    }

    @Test
    void aNewerFormatIsRefused() throws IOException {
        Path store = tmp.resolve("store");
        engine.open(store, StoreConfig.defaults()).close();
        Files.writeString(store.resolve(StoreDir.MARKER), "oxistore-kv-btree\nformat=2\n");
        assertThatThrownBy(() -> engine.open(store, StoreConfig.defaults()))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("format 2");
    }

    @Test
    void aStoreOpensOnceInAJvm() {
        Path store = tmp.resolve("store");
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            s.put(b("k"), b("v"));
            assertThatThrownBy(() -> engine.open(store, StoreConfig.defaults())).isInstanceOf(StoreLockedException.class);
            assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().readOnly(true).build()))
                    .isInstanceOf(StoreLockedException.class);
            assertThatThrownBy(() -> engine.destroy(store)).isInstanceOf(StoreLockedException.class);
        }
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
        }
    }

    @Test
    void anotherProcessCannotOpenTheStoreForWriting() throws Exception {
        Path store = tmp.resolve("store");
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            s.put(b("k"), b("v"));
        }
        Process holder = startHolder(store, false);
        try {
            assertThatThrownBy(() -> engine.open(store, StoreConfig.defaults())).isInstanceOf(StoreLockedException.class);
            assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().readOnly(true).build()))
                    .isInstanceOf(StoreLockedException.class);
        } finally {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Process reader = startHolder(store, true);
        try {
            try (KvStore s = engine.open(store, StoreConfig.builder().readOnly(true).build())) {
                assertThat(s.get(b("k"))).as("two read-only opens share the store").isEqualTo(b("v"));
            }
            assertThatThrownBy(() -> engine.open(store, StoreConfig.defaults())).isInstanceOf(StoreLockedException.class);
        } finally {
            reader.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (KvStore s = engine.open(store, StoreConfig.defaults())) {
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
        }
    }

    /** Starts a JVM that opens {@code store} and holds it until killed; returns once it is open. */
    private static Process startHolder(Path store, boolean readOnly) throws IOException {
        Process p = ChildJvm.command(List.of(), LockHolder.class, store.toString(), Boolean.toString(readOnly))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the holder process opened the store").isEqualTo("OPEN");
        return p;
    }

    @Test
    void unknownOrMalformedOptionsAreRejected() {
        Path store = tmp.resolve("store");
        assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().engineOption("btree.cacheSize", "8").build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("btree.cacheSizeMb");
        assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().engineOption(BtreeOptions.CACHE_SIZE_MB, "lots").build()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> engine.open(store, StoreConfig.builder().engineOption(BtreeOptions.COMPRESSION, "zstd").build()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(Files.exists(store)).as("a rejected open creates nothing").isFalse();
        try (KvStore s = engine.open(store, StoreConfig.builder().engineOption("lsm.memtableMb", "64").build())) {
            assertThat(s.isOpen()).as("options of other engines are ignored").isTrue();
        }
    }

    @Test
    void everyOptionIsAppliedAndTheDataReadsBackUnderAnyCompression() throws IOException {
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        for (String compression : List.of("none", "fast", "high")) {
            Path store = tmp.resolve("store-" + compression);
            StoreConfig config = StoreConfig.builder()
                    .durability(dev.oxistore.kv.Durability.NONE)
                    .engineOption(BtreeOptions.COMPRESSION, compression)
                    .engineOption(BtreeOptions.CACHE_SIZE_MB, "2")
                    .engineOption(BtreeOptions.PAGE_SPLIT_BYTES, "1024")
                    .engineOption(BtreeOptions.AUTO_COMMIT_DELAY_MS, "50")
                    .build();
            try (KvStore s = engine.open(store, config)) {
                for (int i = 0; i < 2000; i++) {
                    s.put(b("key-" + i), b("a fairly compressible value, repeated: " + "abc".repeat(i % 40)));
                }
                s.compact();
            }
            sizes.put(compression, Files.size(store.resolve(StoreDir.DATA)));
            try (KvStore s = engine.open(store, StoreConfig.defaults())) {
                assertThat(s.count()).isEqualTo(2000);
                assertThat(s.get(b("key-1999"))).isEqualTo(b("a fairly compressible value, repeated: " + "abc".repeat(1999 % 40)));
                assertThat(s.checkIntegrity().ok()).isTrue();
            }
        }
        assertThat(sizes.get("fast")).as("LZF pages take less room: %s", sizes).isLessThan(sizes.get("none"));
        assertThat(sizes.get("high")).as("Deflate pages take less room: %s", sizes).isLessThan(sizes.get("none"));
        BtreeOptions o = BtreeOptions.from(StoreConfig.builder().engineOption(BtreeOptions.COMPRESSION, "high")
                .engineOption(BtreeOptions.CACHE_SIZE_MB, "3").engineOption(BtreeOptions.PAGE_SPLIT_BYTES, "2048")
                .engineOption(BtreeOptions.AUTO_COMMIT_DELAY_MS, "0").engineOption(BtreeOptions.RECOVERY, "rollback").build());
        assertThat(o).isEqualTo(new BtreeOptions(3, 2048, 2, 0, BtreeOptions.Recovery.ROLLBACK));
    }

    @Test
    void destroyRemovesAStoreAndRefusesAnythingElse() throws IOException {
        Path store = tmp.resolve("store");
        engine.open(store, StoreConfig.defaults()).close();
        engine.destroy(store);
        assertThat(Files.exists(store)).isFalse();
        engine.destroy(store); // missing: fine

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> engine.destroy(foreign)).isInstanceOf(WrongEngineException.class);
        assertThat(foreign.resolve("notes.txt")).exists();
    }

    @Test
    void anInMemoryStoreWorksAndLeavesNothingBehind() {
        try (KvStore s = engine.openInMemory(StoreConfig.defaults())) {
            s.put(b("k"), b("v"));
            try (var snap = s.snapshot()) {
                s.put(b("k"), b("w"));
                assertThat(snap.get(b("k"))).isEqualTo(b("v"));
            }
            assertThat(s.path()).isEmpty();
            assertThat(s.sizeOnDisk()).isZero();
            assertThat(s.capabilities()).doesNotContain(Capability.PERSISTENT, Capability.READ_ONLY_OPEN, Capability.COMPACTION);
            Path copy = tmp.resolve("copy");
            s.backup(copy);
            try (KvStore c = engine.open(copy, StoreConfig.defaults())) {
                assertThat(c.get(b("k"))).isEqualTo(b("w"));
            }
        }
        assertThatThrownBy(() -> engine.openInMemory(StoreConfig.builder().readOnly(true).build()))
                .isInstanceOf(UnsupportedFeatureException.class);
    }
}
