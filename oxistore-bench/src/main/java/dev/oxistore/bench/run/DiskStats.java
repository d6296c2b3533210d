package dev.oxistore.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a store costs on disk. Bytes written come from the kernel's per-process counter
 * {@code write_bytes} in {@code /proc/self/io}: bytes this process caused to be sent to storage,
 * counted when pages are dirtied (so writes through {@code mmap}, as LMDB's, count too, and a page
 * dirtied twice before write-back counts once). It includes every thread of the JVM (the native
 * compaction threads of RocksDB too) and anything else the process writes meanwhile, which during
 * a measured benchmark is only the store. Size on disk is measured by {@link #sizeOf}.
 */
final class DiskStats {

    private static final Path PROC_IO = Path.of("/proc/self/io");

    private DiskStats() {
    }

    /** CPU time of the whole JVM so far, in nanoseconds, or -1 where the platform cannot tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The process's {@code write_bytes} so far, or -1 where {@code /proc/self/io} is unreadable. */
    static long writeBytes() {
        try {
            List<String> lines = Files.readAllLines(PROC_IO);
            for (String line : lines) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The disk space allocated to {@code dir} ({@code du -s -B1}: sparse and pre-allocated files
     * count what they use), or the sum of apparent file sizes where {@code du} does not run.
     */
    static long sizeOf(Path dir) {
        try {
            Process p = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            if (p.waitFor() == 0) {
                return Long.parseLong(out.trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            // fall back to apparent sizes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return apparentSize(dir);
    }

    private static long apparentSize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file removed by a compaction while walking
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    /** Deletes {@code dir} and everything under it. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
