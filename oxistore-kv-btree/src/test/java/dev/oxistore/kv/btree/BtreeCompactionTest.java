package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compact() really shrinks the file, and never disturbs snapshots or cursors that pin old versions. */
class BtreeCompactionTest {

    @TempDir
    Path tmp;

    private static final StoreConfig CONFIG = StoreConfig.builder().durability(Durability.NONE).build();

    private static byte[] key(int i) {
        return Bytes.utf8(String.format("key-%06d", i));
    }

    private static byte[] value(int i, int round) {
        return Bytes.utf8(round + ":" + "v".repeat(200) + i);
    }

    private static void fill(KvStore s, int n, int round) {
        for (int start = 0; start < n; start += 1000) {
            WriteBatch b = new WriteBatch();
            for (int i = start; i < Math.min(n, start + 1000); i++) {
                b.put(key(i), value(i, round));
            }
            s.write(b);
            s.flush();
        }
    }

    @Test
    void compactShrinksTheFileAndKeepsTheData() {
        Path dir = tmp.resolve("store");
        long before;
        long reclaimed;
        try (KvStore s = new BtreeEngine().open(dir, CONFIG)) {
            fill(s, 20_000, 0);
            for (int i = 0; i < 20_000; i++) {
                if (i % 10 != 0) {
                    s.delete(key(i));
                }
            }
            s.flush();
            before = s.sizeOnDisk();
            reclaimed = s.compact();
            long after = s.sizeOnDisk();
            System.out.printf("compaction: %d -> %d bytes, reported %d reclaimed%n", before, after, reclaimed);
            assertThat(reclaimed).isEqualTo(before - after);
            assertThat(after).as("the file shrank to well under half").isLessThan(before / 2);
            assertThat(s.count()).isEqualTo(2_000);
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
        try (KvStore s = new BtreeEngine().open(dir, CONFIG)) {
            assertThat(s.count()).isEqualTo(2_000);
            assertThat(s.get(key(10))).isEqualTo(value(10, 0));
            assertThat(s.get(key(11))).isNull();
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }

    @Test
    void snapshotsAndCursorsSurviveOverwritesAndCompaction() {
        try (KvStore s = new BtreeEngine().open(tmp.resolve("store"), CONFIG)) {
            fill(s, 5_000, 0);
            KvSnapshot snap = s.snapshot();
            KvCursor cursor = s.scan(KeyRange.all());
            assertThat(cursor.next().value()).isEqualTo(value(0, 0));
            for (int round = 1; round <= 3; round++) {
                fill(s, 5_000, round); // every page of round 0 is replaced
                s.compact();
            }
            for (int i = 0; i < 5_000; i += 97) {
                assertThat(snap.get(key(i))).as("snapshot key %d", i).isEqualTo(value(i, 0));
                assertThat(s.get(key(i))).isEqualTo(value(i, 3));
            }
            int seen = 1;
            while (cursor.hasNext()) {
                var e = cursor.next();
                assertThat(e.value()).isEqualTo(value(seen, 0));
                seen++;
            }
            assertThat(seen).isEqualTo(5_000);
            cursor.close();
            snap.close();
            long pinnedAfter = s.metrics().engine().get("btree.pinnedViews");
            assertThat(pinnedAfter).as("closing releases every pin but the store's own view").isEqualTo(1);
            assertThat(s.checkIntegrity().ok()).isTrue();
        }
    }
}
