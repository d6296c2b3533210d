package dev.oxistore.kv.hlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.testkit.FileDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A damaged or partial newest checkpoint is detected and the one before it is recovered. */
class CheckpointFallbackTest {

    enum Damage { FLIPPED_META_BYTE, TRUNCATED_META, MISSING_INDEX, FLIPPED_INDEX_BYTE }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Damage.class)
    void theNewestCheckpointIsSkippedWhenDamaged(Damage damage) throws IOException {
        HlogOptions options = HlogOptions.defaults(dir).withIndexBuckets(1 << 8).withMemory(12, 4);
        long first;
        try (HlogStore store = HlogStore.open(options); Session s = store.newSession("w")) {
            for (long k = 1; k <= 100; k++) {
                s.upsert(k, k);
            }
            first = store.checkpoint().version();
            for (long k = 101; k <= 200; k++) {
                s.upsert(k, k);
            }
            s.delete(5);
            store.checkpoint();
        }
        Path ckpt = dir.resolve("checkpoints");
        Path meta = ckpt.resolve("ckpt-" + (first + 1) + ".meta");
        Path index = ckpt.resolve("ckpt-" + (first + 1) + ".index");
        switch (damage) {
            case FLIPPED_META_BYTE -> FileDamage.flipBit(meta, 20);
            case TRUNCATED_META -> {
                try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
                    f.setLength(f.length() / 2);
                }
            }
            case MISSING_INDEX -> Files.delete(index);
            case FLIPPED_INDEX_BYTE -> FileDamage.flipBit(index, 100);
        }
        try (HlogStore store = HlogStore.open(options); Session s = store.continueSession("w")) {
            assertThat(store.recoveredVersion()).isEqualTo(first);
            assertThat(store.recoveryNotes()).singleElement().asString().contains("checkpoint " + (first + 1));
            assertThat(s.serial()).as("the durable prefix of the older checkpoint").isEqualTo(100);
            for (long k = 1; k <= 200; k++) {
                assertThat(s.get(k)).as("key %d", k).isEqualTo(k <= 100 ? Long.valueOf(k) : null);
            }
        }
    }
}
