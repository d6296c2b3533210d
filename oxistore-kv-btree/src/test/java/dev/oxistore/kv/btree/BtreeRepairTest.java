package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.FileDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback repair ({@code btree.recovery=rollback}): a store whose newest commit is damaged
 * fails to open by default, and with the option opens at the newest earlier commit that verifies,
 * keeps the damaged file, and says what it dropped.
 */
class BtreeRepairTest {

    private static final int COMMITS = 12;

    @TempDir
    Path tmp;

    private Path dir;
    /** The expected "default" keyspace after each commit sequence number (index 0: empty). */
    private final List<Map<String, String>> states = new ArrayList<>();

    private static StoreConfig rollback() {
        return StoreConfig.builder().engineOption(BtreeOptions.RECOVERY, "rollback").build();
    }

    @BeforeEach
    void writeCommits() {
        dir = tmp.resolve("store");
        states.add(Map.of());
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            Map<String, String> state = new TreeMap<>();
            for (int c = 1; c <= COMMITS; c++) {
                WriteBatch b = new WriteBatch();
                for (int i = 0; i < 40; i++) {
                    String k = "k" + ((c * 7 + i) % 100);
                    String v = "commit-" + c + "-" + i + "-" + "v".repeat(i);
                    b.put(Bytes.utf8(k), Bytes.utf8(v));
                    state.put(k, v);
                }
                s.write(b);
                states.add(Map.copyOf(state));
            }
        }
    }

    @Test
    void aTruncatedTailFailsByDefaultAndRollsBackOnRequest() throws IOException {
        long[] last = lastChunk();
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(StoreDir.DATA).toFile(), "rw")) {
            raf.setLength(last[0] + 100); // cut into the newest chunk
        }
        assertThatThrownBy(() -> new BtreeEngine().open(dir, StoreConfig.defaults()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(BtreeOptions.RECOVERY + "=rollback");

        int kept = openRepairedAndCheck();
        assertThat(kept).isLessThan(COMMITS);
    }

    @Test
    void aDamagedPageInTheNewestCommitIsRolledBack() throws IOException {
        long[] last = lastChunk();
        Path file = dir.resolve(StoreDir.DATA);
        byte[] pristine = Files.readAllBytes(file);
        // find a byte of the newest chunk whose flip the default open or a full check detects
        boolean damaged = false;
        for (long pos = last[0] + 120; pos < last[0] + last[1] - 120 && !damaged; pos += 7) {
            Files.write(file, pristine);
            FileDamage.flipBit(file, pos);
            damaged = detected();
        }
        assertThat(damaged).as("some byte of the newest chunk holds live data").isTrue();

        int kept = openRepairedAndCheck();
        assertThat(kept).isLessThan(COMMITS);
    }

    @Test
    void rollbackNeedsAWritableOpen() {
        assertThatThrownBy(() -> new BtreeEngine().open(dir, StoreConfig.builder().readOnly(true)
                .engineOption(BtreeOptions.RECOVERY, "rollback").build()))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aHealthyStoreOpensUnchangedWithRollbackEnabled() {
        try (KvStore s = new BtreeEngine().open(dir, rollback())) {
            assertThat(read(s)).isEqualTo(states.get(COMMITS));
            assertThat(s.metrics().engine()).doesNotContainKey("btree.recovery.toVersion");
        }
        assertThat(repairReports()).isEmpty();
    }

    /** Opens with rollback, checks the state is exactly some earlier commit's and the report; returns that commit. */
    private int openRepairedAndCheck() throws IOException {
        int kept;
        try (KvStore s = new BtreeEngine().open(dir, rollback())) {
            Map<String, String> now = read(s);
            kept = states.indexOf(now);
            assertThat(kept).as("the repaired store holds exactly the state after some earlier commit").isNotNegative();
            assertThat(s.checkIntegrity().ok()).isTrue();
            Map<String, Long> engine = s.metrics().engine();
            assertThat(engine).containsKey("btree.recovery.toVersion");
            long dropped = engine.get("btree.recovery.droppedCommits");
            assertThat(dropped == -1 || dropped == COMMITS - kept).as("dropped commits reported: %s", dropped).isTrue();
        }
        List<Path> reports = repairReports();
        assertThat(reports).hasSize(1);
        String text = Files.readString(reports.getFirst(), StandardCharsets.UTF_8);
        assertThat(text).contains("rolled back").contains("kept commits up to sequence number " + kept);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(StoreDir.DATA + ".damaged-"));
        }
        // the repair is durable: a plain open now succeeds with the same data, and writes carry on
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            assertThat(read(s)).isEqualTo(states.get(kept));
            s.put(Bytes.utf8("after-repair"), Bytes.utf8("v"));
        }
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            assertThat(s.get(Bytes.utf8("after-repair"))).isEqualTo(Bytes.utf8("v"));
        }
        return kept;
    }

    /** True when the damaged file fails the default open, a read, or a full check. */
    private boolean detected() {
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            read(s);
            return !s.checkIntegrity().ok();
        } catch (CorruptionException e) {
            return true;
        }
    }

    private static Map<String, String> read(KvStore s) {
        Map<String, String> out = new HashMap<>();
        try (KvCursor c = s.scan(KeyRange.all())) {
            while (c.hasNext()) {
                KvEntry e = c.next();
                out.put(Bytes.utf8(e.key()), Bytes.utf8(e.value()));
            }
        }
        return out;
    }

    private List<Path> repairReports() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("REPAIR-")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The byte offset and length of the newest chunk, from the MVStore file header and chunk header. */
    private long[] lastChunk() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(StoreDir.DATA).toFile(), "r")) {
            Map<String, String> header = parse(readLine(raf, 0));
            long start = Long.parseLong(header.get("block"), 16) * 4096;
            Map<String, String> chunk = parse(readLine(raf, start));
            return new long[] {start, Long.parseLong(chunk.get("len"), 16) * 4096};
        }
    }

    private static String readLine(RandomAccessFile raf, long pos) throws IOException {
        byte[] buf = new byte[1024];
        raf.seek(pos);
        int n = raf.read(buf);
        String s = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf('\n'));
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> m = new HashMap<>();
        for (String part : line.split(",")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                m.put(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        return m;
    }
}
