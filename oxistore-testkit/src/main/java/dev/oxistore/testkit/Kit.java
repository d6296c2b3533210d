package dev.oxistore.testkit;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Helpers shared by the suites: byte literals, cursor draining, the soak and seed properties, waiting. */
final class Kit {

    /** The system property that multiplies iteration counts (default 1). */
    static final String SOAK_PROPERTY = "oxistore.soak";
    /** The system property that replays one model-test seed. */
    static final String SEED_PROPERTY = "oxistore.seed";

    /**
     * How long a test waits for another thread or a watch event before declaring a hang. Generous
     * on purpose: it only bounds a broken run, it never judges speed.
     */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private Kit() {
    }

    /** UTF-8 bytes of {@code s}. */
    static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    /** A byte array from unsigned byte values, e.g. {@code bytes(0x7F, 0x80)}. */
    static byte[] bytes(int... unsigned) {
        byte[] out = new byte[unsigned.length];
        for (int i = 0; i < unsigned.length; i++) {
            out[i] = (byte) unsigned[i];
        }
        return out;
    }

    /** A big-endian 8-byte long, the format of {@link dev.oxistore.kv.MergeOperator#int64Add()}. */
    static byte[] i64(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    /** Decodes {@link #i64(long)}. */
    static long i64(byte[] v) {
        if (v == null || v.length != Long.BYTES) {
            throw new AssertionError("expected an 8-byte counter, got " + (v == null ? "null" : Bytes.hex(v)));
        }
        return ByteBuffer.wrap(v).getLong();
    }

    /** UTF-8 text of {@code v}, or null. */
    static String s(byte[] v) {
        return v == null ? null : Bytes.utf8(v);
    }

    /** An entry of UTF-8 key and value. */
    static KvEntry e(String key, String value) {
        return new KvEntry(b(key), b(value));
    }

    /** Every remaining entry of {@code cursor}, which is closed afterwards. */
    static List<KvEntry> drain(KvCursor cursor) {
        try (cursor) {
            List<KvEntry> out = new ArrayList<>();
            while (cursor.hasNext()) {
                out.add(cursor.next());
            }
            return out;
        }
    }

    /** The entries of {@code range} in {@code reader}. */
    static List<KvEntry> scan(KvReader reader, KeyRange range) {
        return drain(reader.scan(range));
    }

    /** The keys of {@code entries} as UTF-8 text. */
    static List<String> keys(List<KvEntry> entries) {
        return entries.stream().map(en -> Bytes.utf8(en.key())).toList();
    }

    /** The keys of {@code entries} as hex. */
    static List<String> hexKeys(List<KvEntry> entries) {
        return entries.stream().map(en -> Bytes.hex(en.key())).toList();
    }

    /** The soak multiplier: {@code -Doxistore.soak=N}, at least 1. */
    static int soak() {
        String raw = System.getProperty(SOAK_PROPERTY, "1").trim();
        int n;
        try {
            n = raw.isEmpty() ? 1 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SOAK_PROPERTY + " must be a positive integer, got '" + raw + "'", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("-D" + SOAK_PROPERTY + " must be a positive integer, got " + n);
        }
        return n;
    }

    /** The seed given with {@code -Doxistore.seed=S}, or null. */
    static Long seedOverride() {
        String raw = System.getProperty(SEED_PROPERTY);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY
                    + " must be a decimal long as printed by a failing run, got '" + raw + "'", e);
        }
    }

    /**
     * The result of {@code future}, failing the test if it does not finish within the hang guard
     * times the soak multiplier (workloads grow with the soak).
     */
    static <T> T await(Future<T> future, String what) {
        Duration limit = HANG_GUARD.multipliedBy(soak());
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " did not finish within " + limit + " (hang or deadlock?)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(what + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /** Deletes {@code root} and everything under it; a missing path is fine. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Creates {@code dir} (and parents) and returns it. */
    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
