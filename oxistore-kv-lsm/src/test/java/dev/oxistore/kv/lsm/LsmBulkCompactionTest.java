package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.lsm.version.Version;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two million keys in random order, then overwrites and deletes of a tenth each, with small
 * memtables and level targets so data moves through several levels. Every key is checked (a full
 * scan in order, and point reads of a sample), and after {@code compact()} the files take at most
 * twice the live bytes (keys plus values).
 */
class LsmBulkCompactionTest {

    private static final int KEYS = 2_000_000;
    private static final int BATCH = 1_000;

    @TempDir
    Path dir;

    /** Key {@code i}: "k" and 8 big-endian bytes of a bijective scramble of i, so inserts arrive in random order. */
    private static byte[] key(long i) {
        long x = (i * 0x9E3779B97F4A7C15L) ^ 0x5DEECE66DL;
        return ByteBuffer.allocate(9).put((byte) 'k').putLong(x).array();
    }

    private static byte[] value(long i, int generation) {
        return ByteBuffer.allocate(16).putLong(i).putInt(generation).putInt((int) (i * 31)).array();
    }

    @Test
    void twoMillionKeysCompactThroughSeveralLevelsAndStayCompact() {
        StoreConfig config = StoreConfig.builder().durability(Durability.NONE)
                .engineOption("lsm.memtableSize", String.valueOf(1 << 20))
                .engineOption("lsm.levelBaseBytes", String.valueOf(1 << 20))
                .engineOption("lsm.targetFileSize", String.valueOf(1 << 20))
                .build();
        int[] generation = new int[KEYS]; // 0 absent, else the generation of the live value
        try (LsmStore store = LsmStore.open(dir, config, FileIo.DEFAULT)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < KEYS; i++) {
                batch.put(key(i), value(i, 1));
                generation[i] = 1;
                if (batch.size() == BATCH) {
                    store.write(batch);
                    batch.clear();
                }
            }
            SplittableRandom random = new SplittableRandom(42);
            for (int n = 0; n < KEYS / 5; n++) {
                int i = random.nextInt(KEYS);
                if (n % 2 == 0) {
                    batch.put(key(i), value(i, 2));
                    generation[i] = 2;
                } else {
                    batch.delete(key(i));
                    generation[i] = 0;
                }
                if (batch.size() == BATCH) {
                    store.write(batch);
                    batch.clear();
                }
            }
            store.write(batch);
            Version before = store.tree().current().version();
            int deepest = 0;
            for (int l = 0; l < before.levels.size(); l++) {
                if (!before.level(l).isEmpty()) {
                    deepest = l;
                }
            }
            assertThat(deepest).as("levels in use before the manual compaction: %s", store.metrics().engine()).isGreaterThanOrEqualTo(3);
            assertThat(store.metrics().engine().get("lsm.compactions")).isGreaterThan(5L);

            store.compact();

            long live = 0;
            long liveKeys = 0;
            byte[][] expected = new byte[KEYS][];
            for (int i = 0; i < KEYS; i++) {
                if (generation[i] != 0) {
                    expected[i] = key(i);
                    live += expected[i].length + 16;
                    liveKeys++;
                }
            }
            // every key, in order, through one scan
            Integer[] order = new Integer[(int) liveKeys];
            int k = 0;
            for (int i = 0; i < KEYS; i++) {
                if (expected[i] != null) {
                    order[k++] = i;
                }
            }
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(expected[a], expected[b]));
            int seen = 0;
            try (KvCursor c = store.scan(KeyRange.all())) {
                while (c.hasNext()) {
                    KvEntry e = c.next();
                    int i = order[seen++];
                    assertThat(e.key()).isEqualTo(expected[i]);
                    assertThat(e.value()).isEqualTo(value(i, generation[i]));
                }
            }
            assertThat(seen).isEqualTo(liveKeys);
            for (int n = 0; n < 100_000; n++) {
                int i = random.nextInt(KEYS);
                assertThat(store.get(key(i))).isEqualTo(generation[i] == 0 ? null : value(i, generation[i]));
            }
            long onDisk = store.sizeOnDisk();
            System.out.println("LSM bulk: " + liveKeys + " live keys, " + live + " live bytes, " + onDisk + " bytes on disk ("
                    + String.format("%.2f", (double) onDisk / live) + "x), metrics " + store.metrics().engine());
            assertThat(onDisk).as("bytes on disk vs %d live bytes", live).isLessThanOrEqualTo(2 * live);
        }
    }
}
