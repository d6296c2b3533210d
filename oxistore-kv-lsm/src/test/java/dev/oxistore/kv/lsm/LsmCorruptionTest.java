package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: a flipped byte inside the write-ahead log, a table or the manifest is a
 * {@link CorruptionException} naming the file and offset, never silently skipped data; a record
 * cut short at the end of the newest log or of the manifest is a torn tail, cut off (logged) with
 * everything before it kept.
 */
class LsmCorruptionTest {

    private static final int KEYS = 200;

    @TempDir
    Path dir;

    private static StoreConfig config() {
        return StoreConfig.builder().durability(Durability.SYNC).build();
    }

    private static byte[] key(int i) {
        return Bytes.utf8(String.format("key-%05d", i));
    }

    private static byte[] value(int i) {
        return Bytes.utf8("value-" + i);
    }

    /** Writes the keys and "crashes", leaving them in the write-ahead log only. */
    private void writeAndAbandon() throws IOException {
        LsmStore s = LsmStore.open(dir, config(), FileIo.DEFAULT);
        for (int i = 0; i < KEYS; i++) {
            s.put(key(i), value(i));
        }
        s.abandonForTest();
    }

    /** Writes the keys, compacts them into one table and closes cleanly. */
    private void writeAndClose() {
        try (KvStore s = new LsmEngine().open(dir, config())) {
            for (int i = 0; i < KEYS; i++) {
                s.put(key(i), value(i));
            }
            s.compact();
        }
    }

    private Path only(String suffixOrPrefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffixOrPrefix)
                            || p.getFileName().toString().startsWith(suffixOrPrefix))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5A);
        }
    }

    @Test
    void aFlippedByteInsideTheLogIsCorruptionNamingFileAndOffset() throws IOException {
        writeAndAbandon();
        Path log = only(".log");
        flip(log, Files.size(log) / 2);
        assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(log.getFileName().toString())
                .hasMessageContaining("offset");
    }

    /** Three framed records; returns the offset of each. */
    private long[] writeThreeRecords(Path file) throws IOException {
        long[] offsets = new long[3];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            offsets[i] = out.size();
            byte[] payload = Bytes.utf8("record-" + i + "-payload");
            out.writeBytes(LogFormat.frame(payload, payload.length));
        }
        Files.write(file, out.toByteArray());
        return offsets;
    }

    @Test
    void aBadRecordFollowedByGoodOnesIsCorruptionNotATornTail() throws IOException {
        Path log = dir.resolve("000001.log");
        long[] at = writeThreeRecords(log);
        flip(log, at[1] + LogFormat.HEADER + 2); // the middle record's payload, its header intact
        for (boolean mayBeTorn : new boolean[] {true, false}) {
            assertThatThrownBy(() -> LogFormat.read(log, mayBeTorn))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(log.getFileName().toString())
                    .hasMessageContaining("offset " + at[1]);
        }
    }

    @Test
    void onlyTheLastRecordOfTheNewestLogMayBeATornTail() throws IOException {
        Path log = dir.resolve("000001.log");
        long[] at = writeThreeRecords(log);
        flip(log, at[2] + LogFormat.HEADER + 2);
        LogFormat.Contents contents = LogFormat.read(log, true);
        assertThat(contents.records()).hasSize(2);
        assertThat(contents.validEnd()).isEqualTo(at[2]);
        assertThat(contents.torn()).isNotNull();
        assertThatThrownBy(() -> LogFormat.read(log, false)).as("an older log must be complete")
                .isInstanceOf(CorruptionException.class).hasMessageContaining("offset " + at[2]);
    }

    @Test
    void aTornLogTailIsCutOffAndEverythingBeforeItKept() throws IOException {
        writeAndAbandon();
        Path log = only(".log");
        long size = Files.size(log);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(size - 3);
        }
        try (KvStore s = new LsmEngine().open(dir, config())) {
            for (int i = 0; i < KEYS - 1; i++) {
                assertThat(s.get(key(i))).as("key %d", i).isEqualTo(value(i));
            }
            assertThat(s.get(key(KEYS - 1))).as("the torn last record").isNull();
            assertThat(s.count()).isEqualTo(KEYS - 1);
        }
        assertThat(Files.exists(log) ? Files.size(log) : 0).as("the torn tail was truncated").isLessThan(size - 3);
    }

    @Test
    void aFlippedByteInATableBlockIsReportedOnReadAndByTheIntegrityCheck() throws IOException {
        writeAndClose();
        Path table = only(".sst");
        flip(table, 20);
        try (KvStore s = new LsmEngine().open(dir, config())) {
            assertThatThrownBy(() -> s.get(key(0)))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(table.getFileName().toString())
                    .hasMessageContaining("offset 0");
            IntegrityReport report = s.checkIntegrity();
            assertThat(report.ok()).isFalse();
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains(table.getFileName().toString()));
        }
    }

    @Test
    void aDamagedTableFooterFailsTheOpen() throws IOException {
        writeAndClose();
        Path table = only(".sst");
        flip(table, Files.size(table) - 20);
        assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(table.getFileName().toString())
                .hasMessageContaining("offset");
    }

    @Test
    void aTableTheManifestNamesThatIsMissingIsCorruption() throws IOException {
        writeAndClose();
        Path table = only(".sst");
        Files.delete(table);
        assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(table.getFileName().toString())
                .hasMessageContaining("missing");
    }

    @Test
    void aFlippedByteInsideTheManifestIsCorruption() throws IOException {
        writeAndClose();
        Path manifest = only("MANIFEST-");
        flip(manifest, 14);
        assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(manifest.getFileName().toString())
                .hasMessageContaining("offset 0");
    }

    @Test
    void aTornManifestTailIsIgnoredAndTheStoreOpens() throws IOException {
        writeAndClose();
        Path manifest = only("MANIFEST-");
        byte[] partial = new byte[10];
        Coding.putInt(partial, 0, 100);
        Coding.putInt(partial, 4, Coding.crc(partial, 0, 4));
        Files.write(manifest, partial, java.nio.file.StandardOpenOption.APPEND);
        try (KvStore s = new LsmEngine().open(dir, config())) {
            assertThat(s.count()).isEqualTo(KEYS);
            assertThat(s.get(key(7))).isEqualTo(value(7));
        }
    }
}
