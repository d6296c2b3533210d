package dev.oxistore.kv.hlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.testkit.FileDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoints without fsync ({@code checkpoint(false)}, the adapter's {@code Durability.FLUSH}):
 * the newest fsynced checkpoint stays on disk until a newer fsynced one exists, and whatever a
 * power loss may do to the files written after it (log lost or garbled, meta or index torn),
 * recovery falls back to it instead of reading the damage as data.
 */
class UnsyncedCheckpointTest {

    /** What a power loss may leave of what was written after the fsynced checkpoint. */
    enum Loss { LOG_TRUNCATED, LOG_BYTE_FLIPPED, METAS_TORN, INDEXES_TORN }

    @TempDir
    Path dir;

    private HlogOptions options() {
        return HlogOptions.defaults(dir).withIndexBuckets(1 << 8).withMemory(12, 4);
    }

    @Test
    void theNewestFsyncedCheckpointIsKeptUntilANewerOne() throws IOException {
        try (HlogStore store = HlogStore.open(options()); Session s = store.newSession("w")) {
            write(s, 1, 10);
            long anchor = store.checkpoint().version();
            long last = anchor;
            for (int round = 1; round <= 4; round++) {
                write(s, round * 10 + 1, round * 10 + 10);
                last = store.checkpoint(false).version();
            }
            assertThat(metaVersions()).as("the newest %d and the fsynced one", options().checkpointsKept())
                    .containsExactly(last, last - 1, anchor);
            long synced = store.checkpoint().version();
            assertThat(metaVersions()).containsExactly(synced, last);
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void aPowerLossFallsBackToTheFsyncedCheckpoint(Loss loss) throws IOException {
        HlogStore.Checkpoint anchor;
        long last;
        try (HlogStore store = HlogStore.open(options()); Session s = store.newSession("w")) {
            write(s, 1, 100);
            anchor = store.checkpoint();
            write(s, 101, 200);
            s.delete(5);
            last = store.checkpoint(false).version();
            write(s, 201, 300);
            s.upsert(7, -7);
            last = store.checkpoint(false).version();
        }
        damage(loss, anchor, List.of(last - 1, last));
        try (HlogStore store = HlogStore.open(options()); Session s = store.continueSession("w")) {
            assertThat(store.recoveredVersion()).isEqualTo(anchor.version());
            assertThat(store.recoveryNotes()).hasSize(2);
            assertThat(s.serial()).as("the durable prefix of the fsynced checkpoint").isEqualTo(100);
            for (long k = 1; k <= 300; k++) {
                assertThat(s.get(k)).as("key %d", k).isEqualTo(k <= 100 ? Long.valueOf(k) : null);
            }
            assertThat(metaVersions()).as("the skipped checkpoints are gone").containsExactly(anchor.version());
        }
    }

    @Test
    void recoveryFromAnUnsyncedCheckpointKeepsItsAnchor() throws IOException {
        HlogStore.Checkpoint anchor;
        try (HlogStore store = HlogStore.open(options()); Session s = store.newSession("w")) {
            write(s, 1, 50);
            anchor = store.checkpoint();
            write(s, 51, 100);
            store.checkpoint(false);
        }
        long last;
        try (HlogStore store = HlogStore.open(options()); Session s = store.continueSession("w")) {
            assertThat(store.recoveredVersion()).as("a kill -9 loses nothing the OS has").isEqualTo(anchor.version() + 1);
            assertThat(s.get(100L)).isEqualTo(100L);
            write(s, 101, 150);
            store.checkpoint(false);
            last = store.checkpoint(false).version();
        }
        assertThat(metaVersions()).containsExactly(last, last - 1, anchor.version());
        damage(Loss.LOG_TRUNCATED, anchor, List.of());
        try (HlogStore store = HlogStore.open(options()); Session s = store.continueSession("w")) {
            assertThat(store.recoveredVersion()).isEqualTo(anchor.version());
            assertThat(s.get(50L)).isEqualTo(50L);
            assertThat(s.get(51L)).isNull();
        }
    }

    @Test
    void aStoreWhoseCheckpointsAreAllTornStartsOverAndKeepsItsNewOnes() throws IOException {
        try (HlogStore store = HlogStore.open(options()); Session s = store.newSession("w")) {
            for (int round = 0; round < 3; round++) {
                write(s, round * 10 + 1, round * 10 + 10);
                store.checkpoint(false);
            }
        }
        truncateLog(0);
        try (HlogStore store = HlogStore.open(options()); Session s = store.newSession("again")) {
            assertThat(store.recoveredVersion()).isZero();
            assertThat(s.get(1L)).isNull();
            s.upsert(42, 42);
            store.checkpoint(false);
        }
        try (HlogStore store = HlogStore.open(options()); Session s = store.continueSession("again")) {
            assertThat(store.recoveryNotes()).isEmpty();
            assertThat(s.get(42L)).as("the new checkpoint was not pruned in favour of the torn ones").isEqualTo(42L);
        }
    }

    private static void write(Session s, long from, long to) {
        for (long k = from; k <= to; k++) {
            s.upsert(k, k);
        }
    }

    private void damage(Loss loss, HlogStore.Checkpoint anchor, List<Long> unsynced) throws IOException {
        Path ckpt = dir.resolve("checkpoints");
        switch (loss) {
            case LOG_TRUNCATED -> truncateLog(anchor.finalAddress());
            case LOG_BYTE_FLIPPED -> FileDamage.flipBit(dir.resolve("hlog.log"), anchor.finalAddress() + 20);
            case METAS_TORN -> unsynced.forEach(v -> truncate(ckpt.resolve("ckpt-" + v + ".meta"), 30));
            case INDEXES_TORN -> unsynced.forEach(v -> truncate(ckpt.resolve("ckpt-" + v + ".index"), 4096));
        }
    }

    private void truncateLog(long length) {
        truncate(dir.resolve("hlog.log"), length);
    }

    private static void truncate(Path file, long length) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }


    /** Versions with a meta file, newest first. */
    private List<Long> metaVersions() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("checkpoints"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".meta"))
                    .map(n -> Long.parseLong(n.substring(5, n.length() - 5)))
                    .sorted((a, b) -> Long.compare(b, a)).toList();
        }
    }
}
