package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open refuses a map that is not the tree the metadata recorded at its last commit: MVStore's
 * catalogue of map roots is unchecked text, so damage there could otherwise serve an older (or an
 * empty) tree. Simulated here by changing a map behind the engine's back with raw MVStore.
 */
class BtreeCatalogueTest {

    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void writeStore() {
        dir = tmp.resolve("store");
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            for (int i = 0; i < 50; i++) {
                s.keyspace("ks").put(Bytes.utf8("k" + i), Bytes.utf8("v" + i));
            }
        }
    }

    private MVMap<byte[], byte[]> rawKeyspace(MVStore mv) {
        return mv.openMap(Layout.ksMapName(1), Layout.builder());
    }

    @Test
    void aMapWithAnOlderStampIsRefused() {
        try (MVStore mv = new MVStore.Builder().fileName(dir.resolve(StoreDir.DATA).toString()).open()) {
            MVMap<byte[], byte[]> map = rawKeyspace(mv);
            long stamp = Layout.stamp(map);
            assertThat(stamp).isPositive();
            byte[] older = new byte[8];
            Records.putLong(older, 0, stamp - 1);
            map.put(Layout.STAMP_KEY, older);
            map.put(Bytes.utf8("k1"), Records.encode(Bytes.utf8("an older value"), Records.NO_EXPIRY));
        }
        assertThatThrownBy(() -> new BtreeEngine().open(dir, StoreConfig.defaults()))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("stamp");
    }

    @Test
    void aMapWithAnotherEntryCountIsRefused() {
        try (MVStore mv = new MVStore.Builder().fileName(dir.resolve(StoreDir.DATA).toString()).open()) {
            rawKeyspace(mv).remove(Bytes.utf8("k7"));
        }
        assertThatThrownBy(() -> new BtreeEngine().open(dir, StoreConfig.defaults()))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("entries");
    }

    @Test
    void theStampEntryIsInvisible() {
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            assertThat(s.keyspace("ks").count()).isEqualTo(50);
            try (var c = s.keyspace("ks").scan(dev.oxistore.kv.KeyRange.all().reversed())) {
                assertThat(c.stream().filter(e -> e.key().length == 0).count()).isZero();
            }
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }
}
