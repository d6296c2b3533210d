package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.ManualClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged files: a byte flipped at many random positions of {@code store.mv}, and the file cut
 * at many random lengths. Every outcome must be either the exact data or a
 * {@link CorruptionException} (at open or on the read that meets the damage) — never different
 * data, never another exception. Positions derive from one seed, printed on failure; the number of
 * cases scales with {@code -Doxistore.soak}.
 */
class BtreeCorruptionTest {

    private static final long SEED = Long.getLong("oxistore.seed", 0x5EED_C0DEL);
    private static final int SOAK = Integer.getInteger("oxistore.soak", 1);
    private static final List<String> SPACES = List.of("default", "alpha", "beta");

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private Path pristine;
    /** keyspace -> live key (hex) -> value (hex), as of the clock after the writes. */
    private final Map<String, TreeMap<String, String>> expected = new TreeMap<>();

    private String compression = "none";

    private StoreConfig config() {
        return StoreConfig.builder().clock(clock).durability(Durability.NONE)
                .engineOption(BtreeOptions.COMPRESSION, compression).build();
    }

    /**
     * A store of several commits (chunks), three keyspaces, overwrites, deletes and TTLs, closed
     * cleanly, with pages written uncompressed or LZF-compressed.
     */
    private void writePristineStore(String pageCompression) {
        compression = pageCompression;
        pristine = tmp.resolve("pristine");
        Random r = new Random(SEED);
        SPACES.forEach(s -> expected.put(s, new TreeMap<>()));
        try (KvStore s = new BtreeEngine().open(pristine, config())) {
            for (int phase = 0; phase < 6; phase++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < 150; i++) {
                    String ks = SPACES.get(r.nextInt(SPACES.size()));
                    byte[] key = randomBytes(r, 1 + r.nextInt(16));
                    byte[] value = value(r, r.nextInt(120));
                    switch (r.nextInt(10)) {
                        case 0 -> {
                            s.keyspace(ks).delete(key);
                            expected.get(ks).remove(Bytes.hex(key));
                        }
                        case 1 -> {
                            // expires during the test setup: must stay invisible
                            s.keyspace(ks).put(key, value, Duration.ofMillis(500));
                            expected.get(ks).remove(Bytes.hex(key));
                        }
                        case 2 -> {
                            s.keyspace(ks).put(key, value, Duration.ofDays(30));
                            expected.get(ks).put(Bytes.hex(key), Bytes.hex(value));
                        }
                        case 3 -> {
                            batch.put(ks, key, value);
                            expected.get(ks).put(Bytes.hex(key), Bytes.hex(value));
                        }
                        default -> {
                            s.keyspace(ks).put(key, value);
                            expected.get(ks).put(Bytes.hex(key), Bytes.hex(value));
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    s.write(batch);
                }
                // overwrite some existing keys so older chunks hold dead pages
                for (String ks : SPACES) {
                    for (String k : new ArrayList<>(expected.get(ks).keySet()).subList(0, Math.min(20, expected.get(ks).size()))) {
                        byte[] v = value(r, r.nextInt(60));
                        s.keyspace(ks).put(Bytes.fromHex(k), v);
                        expected.get(ks).put(k, Bytes.hex(v));
                    }
                }
                s.flush();
            }
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.checkIntegrity().ok()).isTrue();
            assertThat(observe(s)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "fast"})
    void aFlippedByteAnywhereIsDetectedOrHarmless(String pageCompression) throws IOException {
        writePristineStore(pageCompression);
        Path file = pristine.resolve(StoreDir.DATA);
        long size = Files.size(file);
        Random r = new Random(SEED ^ 0xF11BL);
        int cases = 100 * SOAK;
        int[] outcomes = new int[3];
        for (int i = 0; i < cases; i++) {
            long pos = (long) (r.nextDouble() * size);
            int mask = 1 << r.nextInt(8);
            Path copy = copyOfPristine("flip-" + i);
            try (RandomAccessFile raf = new RandomAccessFile(copy.resolve(StoreDir.DATA).toFile(), "rw")) {
                raf.seek(pos);
                int b = raf.read();
                raf.seek(pos);
                raf.write(b ^ mask);
            }
            outcomes[examine(copy, "byte at " + pos + " of " + size + " xor " + mask + " (case " + i + ")")]++;
            deleteTree(copy);
        }
        System.out.printf("flipped bytes (%s pages): %d cases, %d detected at open, %d detected on read, %d harmless%n",
                pageCompression, cases, outcomes[0], outcomes[1], outcomes[2]);
        assertThat(outcomes[0] + outcomes[1]).as("some flips must hit live data and be detected").isPositive();
    }

    @Test
    void aTruncatedFileIsDetectedOrHarmless() throws IOException {
        writePristineStore("none");
        Path file = pristine.resolve(StoreDir.DATA);
        long size = Files.size(file);
        Random r = new Random(SEED ^ 0x7A11L);
        int cases = 40 * SOAK;
        int[] outcomes = new int[3];
        for (int i = 0; i < cases; i++) {
            long length = i == 0 ? size - 1 : (long) (r.nextDouble() * size);
            Path copy = copyOfPristine("cut-" + i);
            try (RandomAccessFile raf = new RandomAccessFile(copy.resolve(StoreDir.DATA).toFile(), "rw")) {
                raf.setLength(length);
            }
            outcomes[examine(copy, "cut to " + length + " of " + size + " bytes (case " + i + ")")]++;
            deleteTree(copy);
        }
        System.out.printf("truncated files: %d cases, %d detected at open, %d detected on read, %d harmless%n",
                cases, outcomes[0], outcomes[1], outcomes[2]);
        assertThat(outcomes[0] + outcomes[1]).as("cutting the file's tail must be detected").isPositive();
    }

    /**
     * Opens the damaged copy and reads everything.
     *
     * @return 0 detected at open, 1 detected by a read, 2 everything read back exactly
     */
    private int examine(Path dir, String damage) {
        String context = "seed " + SEED + " (-Doxistore.seed=" + SEED + "), " + compression + " pages, " + damage;
        KvStore store;
        try {
            store = new BtreeEngine().open(dir, config());
        } catch (CorruptionException e) {
            return 0;
        } catch (RuntimeException e) {
            throw new AssertionError("open raised " + e + " instead of CorruptionException; " + context, e);
        }
        try (store) {
            boolean detected = false;
            for (String ks : SPACES) {
                try {
                    assertThat(scan(store, ks, false)).as("forward scan of %s; %s", ks, context).isEqualTo(expected.get(ks));
                } catch (CorruptionException e) {
                    detected = true;
                }
                try {
                    assertThat(scan(store, ks, true)).as("reverse scan of %s; %s", ks, context).isEqualTo(expected.get(ks));
                } catch (CorruptionException e) {
                    detected = true;
                }
                for (Map.Entry<String, String> e : expected.get(ks).entrySet()) {
                    try {
                        byte[] v = store.keyspace(ks).get(Bytes.fromHex(e.getKey()));
                        assertThat(v == null ? null : Bytes.hex(v)).as("get %s in %s; %s", e.getKey(), ks, context).isEqualTo(e.getValue());
                    } catch (CorruptionException ex) {
                        detected = true;
                    }
                }
                try {
                    long count = store.keyspace(ks).count();
                    if (!detected) {
                        assertThat(count).as("count of %s; %s", ks, context).isEqualTo(expected.get(ks).size());
                    }
                } catch (CorruptionException e) {
                    detected = true;
                }
            }
            IntegrityReport report = store.checkIntegrity();
            if (detected) {
                assertThat(report.ok()).as("a read failed verification, so checkIntegrity must report it; %s", context).isFalse();
            }
            return detected || !report.ok() ? 1 : 2;
        } catch (StoreException e) {
            if (e instanceof CorruptionException) {
                return 1;
            }
            throw new AssertionError("reading raised " + e + " instead of CorruptionException; " + context, e);
        } catch (RuntimeException e) {
            throw new AssertionError("reading raised " + e + " instead of CorruptionException; " + context, e);
        }
    }

    private static TreeMap<String, String> scan(KvStore store, String ks, boolean reverse) {
        TreeMap<String, String> out = new TreeMap<>();
        KeyRange range = reverse ? KeyRange.all().reversed() : KeyRange.all();
        byte[] previous = null;
        try (KvCursor c = store.keyspace(ks).scan(range)) {
            while (c.hasNext()) {
                KvEntry e = c.next();
                if (previous != null) {
                    int cmp = Bytes.compare(previous, e.key());
                    if (reverse ? cmp <= 0 : cmp >= 0) {
                        throw new AssertionError("scan out of order at " + Bytes.hex(e.key()));
                    }
                }
                previous = e.key();
                out.put(Bytes.hex(e.key()), Bytes.hex(e.value()));
            }
        }
        return out;
    }

    private Map<String, TreeMap<String, String>> observe(KvStore s) {
        Map<String, TreeMap<String, String>> out = new TreeMap<>();
        for (String ks : SPACES) {
            out.put(ks, scan(s, ks, false));
        }
        return out;
    }

    private Path copyOfPristine(String name) throws IOException {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        for (String f : List.of(StoreDir.DATA, StoreDir.MARKER)) {
            Files.copy(pristine.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    private static void deleteTree(Path p) throws IOException {
        StoreDir.deleteTree(p);
    }

    /** A value that compresses: a few random bytes, then a repeated pattern. */
    private static byte[] value(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = i < 4 ? (byte) r.nextInt() : (byte) ('a' + i % 3);
        }
        return b;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
