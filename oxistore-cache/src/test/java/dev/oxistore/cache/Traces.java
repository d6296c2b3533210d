package dev.oxistore.cache;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.tukaani.xz.XZInputStream;

/**
 * The cache2k access traces (CC BY 4.0, headissue GmbH): xz-compressed big-endian 32-bit keys,
 * one per access. Found in {@code shared/data/traces/cache2k} beside the repository (or in
 * {@code -Doxistore.traces=DIR}); tests that need them are skipped when they are missing.
 */
final class Traces {
    static final List<String> NAMES = List.of("web07", "web12", "orm-busy", "orm-night");
    /** Accesses replayed by default; the whole trace with {@code -Doxistore.soak} above 1. */
    static final int DEFAULT_PREFIX = 200_000;

    private Traces() {
    }

    static int soak() {
        return Integer.getInteger("oxistore.soak", 1);
    }

    /** The accesses to replay by default: the whole trace under soak, else its first 200,000. */
    static int limit() {
        return soak() > 1 ? Integer.MAX_VALUE : DEFAULT_PREFIX;
    }

    static Optional<Path> directory() {
        String configured = System.getProperty("oxistore.traces");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : List.of(p.resolve("shared/data/traces/cache2k"), p.resolve("data/traces/cache2k"))) {
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The first {@code limit} keys of trace {@code name}; skips the test when traces are missing. */
    static int[] load(String name, int limit) {
        Optional<Path> dir = directory();
        Assumptions.assumeTrue(dir.isPresent(), "cache2k traces not found: set -Doxistore.traces=DIR");
        Path file = dir.get().resolve(name + ".trace.xz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "missing trace " + file);
        int[] keys = new int[1 << 16];
        int n = 0;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new XZInputStream(new BufferedInputStream(raw)), 1 << 16))) {
            while (n < limit) {
                int k;
                try {
                    k = in.readInt();
                } catch (EOFException end) {
                    break;
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, keys.length * 2);
                }
                keys[n++] = k;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(keys, n);
    }

    /** Cache sizes for the table and the equality tests: small, medium, large for each trace. */
    static int[] sizes(String name) {
        return name.startsWith("web") ? new int[] {250, 1_000, 4_000} : new int[] {1_000, 4_000, 16_000};
    }
}
