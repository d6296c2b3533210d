package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.log.LogFormat;
import dev.oxistore.kv.lsm.version.VersionEdit;
import dev.oxistore.testkit.FileDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: a flipped byte inside the write-ahead log, a table or the manifest, even in the
 * complete last record, is a {@link CorruptionException} naming the file and offset, never
 * silently skipped data; a record cut short at the end of the newest log or of the manifest, or a
 * zero-filled tail, is a torn tail, cut off (logged) with everything before it kept; a manifest
 * that lost an edit whose retired logs are gone is corruption, not an empty replay.
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


    @Test
    void aFlippedByteInsideTheLogIsCorruptionNamingFileAndOffset() throws IOException {
        writeAndAbandon();
        Path log = only(".log");
        FileDamage.flipBit(log, Files.size(log) / 2);
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
        FileDamage.flipBit(log, at[1] + LogFormat.HEADER + 2); // the middle record's payload, its header intact
        for (boolean mayBeTorn : new boolean[] {true, false}) {
            assertThatThrownBy(() -> LogFormat.read(log, mayBeTorn))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(log.getFileName().toString())
                    .hasMessageContaining("offset " + at[1]);
        }
    }

    @Test
    void aCompleteLastRecordWithABadChecksumIsCorruptionNotATornTail() throws IOException {
        Path log = dir.resolve("000001.log");
        long[] at = writeThreeRecords(log);
        FileDamage.flipBit(log, at[2] + LogFormat.HEADER + 2);
        for (boolean mayBeTorn : new boolean[] {true, false}) {
            assertThatThrownBy(() -> LogFormat.read(log, mayBeTorn))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(log.getFileName().toString())
                    .hasMessageContaining("offset " + at[2]);
        }
    }

    @Test
    void aLastRecordCutShortInItsHeaderOrPayloadIsATornTailOnlyInTheNewestLog() throws IOException {
        Path log = dir.resolve("000001.log");
        long[] at = writeThreeRecords(log);
        long full = Files.size(log);
        for (long cut : new long[] {at[2] + 5, at[2] + LogFormat.HEADER + 3, full - 1}) {
            writeThreeRecords(log);
            truncate(log, cut);
            LogFormat.Contents contents = LogFormat.read(log, true);
            assertThat(contents.records()).as("cut at %d", cut).hasSize(2);
            assertThat(contents.validEnd()).isEqualTo(at[2]);
            assertThat(contents.torn()).isNotNull();
            assertThatThrownBy(() -> LogFormat.read(log, false)).as("an older log must be complete")
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("offset " + at[2]);
        }
    }

    @Test
    void aZeroFilledTailIsATornTail() throws IOException {
        Path log = dir.resolve("000001.log");
        writeThreeRecords(log);
        long end = Files.size(log);
        Files.write(log, new byte[4096], StandardOpenOption.APPEND);
        LogFormat.Contents contents = LogFormat.read(log, true);
        assertThat(contents.records()).hasSize(3);
        assertThat(contents.validEnd()).isEqualTo(end);
        assertThat(contents.torn()).contains("zero-filled");
    }

    @Test
    void aLogTailCutInsideTheLastRecordIsTruncatedAndEverythingBeforeItKept() throws IOException {
        writeAndAbandon();
        Path log = only(".log");
        long size = Files.size(log);
        long last = lastRecordOffset(log);
        byte[] whole = Files.readAllBytes(log);
        for (long cut : new long[] {size - 3, last + LogFormat.HEADER + 2, last + 5}) {
            Files.write(log, whole);
            truncate(log, cut);
            try (KvStore s = new LsmEngine().open(dir, config())) {
                for (int i = 0; i < KEYS - 1; i++) {
                    assertThat(s.get(key(i))).as("key %d", i).isEqualTo(value(i));
                }
                assertThat(s.get(key(KEYS - 1))).as("the torn last record").isNull();
                assertThat(s.count()).isEqualTo(KEYS - 1);
            }
            assertThat(Files.size(log)).as("the tail cut at %d was truncated", cut).isEqualTo(last);
            deleteLogsBut(log); // the next round starts from the damaged log alone again
        }
    }

    @Test
    void aZeroFilledLogTailIsTruncatedAndEveryRecordKept() throws IOException {
        writeAndAbandon();
        Path log = only(".log");
        long size = Files.size(log);
        Files.write(log, new byte[8192], StandardOpenOption.APPEND);
        try (KvStore s = new LsmEngine().open(dir, config())) {
            assertThat(s.count()).isEqualTo(KEYS);
            assertThat(s.get(key(KEYS - 1))).isEqualTo(value(KEYS - 1));
        }
        assertThat(Files.size(log)).as("the zero-filled tail was truncated").isEqualTo(size);
    }

    @Test
    void aFlippedByteInTheCompleteLastLogRecordIsCorruptionNamingFileAndOffset() throws IOException {
        writeAndAbandon();
        Path log = only(".log");
        long size = Files.size(log);
        long last = lastRecordOffset(log);
        FileDamage.flipBit(log, size - 1);
        assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(log.getFileName().toString())
                .hasMessageContaining("offset " + last);
        assertThat(Files.size(log)).as("nothing truncated").isEqualTo(size);
    }

    /** The offset of the last record of an undamaged log or manifest. */
    private static long lastRecordOffset(Path file) throws IOException {
        LogFormat.Contents contents = LogFormat.read(file, false);
        assertThat(contents.records()).as("records in %s", file).isNotEmpty();
        return contents.validEnd() - LogFormat.HEADER - contents.records().getLast().length;
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /** Deletes the store's write-ahead logs other than {@code keep} (the fresh one an open started). */
    private void deleteLogsBut(Path keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".log") && !p.equals(keep)) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aFlippedByteInATableBlockIsReportedOnReadAndByTheIntegrityCheck() throws IOException {
        writeAndClose();
        Path table = only(".sst");
        FileDamage.flipBit(table, 20);
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
        FileDamage.flipBit(table, Files.size(table) - 20);
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
        FileDamage.flipBit(manifest, 14);
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
        Files.write(manifest, partial, StandardOpenOption.APPEND);
        try (KvStore s = new LsmEngine().open(dir, config())) {
            assertThat(s.count()).isEqualTo(KEYS);
            assertThat(s.get(key(7))).isEqualTo(value(7));
        }
    }

    @Test
    void aZeroFilledManifestTailIsIgnoredAndTheStoreOpens() throws IOException {
        writeAndClose();
        Files.write(only("MANIFEST-"), new byte[4096], StandardOpenOption.APPEND);
        try (KvStore s = new LsmEngine().open(dir, config())) {
            assertThat(s.count()).isEqualTo(KEYS);
        }
    }

    @Test
    void aFlippedByteInTheCompleteLastManifestEditIsCorruptionNamingFileAndOffset() throws IOException {
        writeAndClose();
        Path manifest = only("MANIFEST-");
        long last = lastRecordOffset(manifest);
        assertThat(last).as("the manifest holds more than one edit").isPositive();
        FileDamage.flipBit(manifest, Files.size(manifest) - 1);
        assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(manifest.getFileName().toString())
                .hasMessageContaining("offset " + last);
    }

    /**
     * Builds a store whose last manifest edit is a flush that retired the log it wrote; returns
     * the manifest.
     */
    private Path storeEndingInAFlush() throws IOException {
        StoreConfig small = StoreConfig.builder().durability(Durability.SYNC)
                .engineOption("lsm.memtableSize", "65536").build();
        try (KvStore s = new LsmEngine().open(dir, small)) {
            for (int i = 0; i < KEYS; i++) {
                s.put(key(i), Bytes.utf8("value-" + i + "-".repeat(100)));
            }
        }
        Path manifest = only("MANIFEST-");
        List<byte[]> edits = LogFormat.read(manifest, false).records();
        VersionEdit flush = VersionEdit.decode(edits.getLast());
        assertThat(flush.logNumber).as("the last edit is a flush").isPositive();
        assertThat(flush.added).isNotEmpty();
        VersionEdit.State before = new VersionEdit.State();
        for (byte[] r : edits.subList(0, edits.size() - 1)) {
            before.apply(VersionEdit.decode(r));
        }
        assertThat(dir.resolve(StoreFiles.walName(before.logNumber))).as("the flush retired the earlier log").doesNotExist();
        return manifest;
    }

    @Test
    void aLostLastFlushEditIsCorruptionNotAnEmptyReplay() throws IOException {
        Path manifest = storeEndingInAFlush();
        long last = lastRecordOffset(manifest);
        byte[] whole = Files.readAllBytes(manifest);
        // dropped whole (at a record boundary no checksum can tell) or cut inside (looks torn)
        for (long cut : new long[] {last, last + LogFormat.HEADER + 1}) {
            Files.write(manifest, whole);
            truncate(manifest, cut);
            assertThatThrownBy(() -> new LsmEngine().open(dir, config()))
                    .as("manifest cut at %d", cut)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(manifest.getFileName().toString())
                    .hasMessageContaining("missing");
        }
        Files.write(manifest, whole);
        try (KvStore s = new LsmEngine().open(dir, config())) {
            assertThat(s.count()).as("the undamaged manifest still opens").isEqualTo(KEYS);
        }
    }
}
