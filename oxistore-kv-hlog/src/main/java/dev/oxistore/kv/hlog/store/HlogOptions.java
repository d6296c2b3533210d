package dev.oxistore.kv.hlog.store;

import dev.oxistore.kv.InvalidArgumentException;
import java.nio.file.Path;

/**
 * How a {@link HlogStore} is laid out.
 *
 * @param directory where the log file and checkpoints live
 * @param indexBuckets main hash buckets (power of two; each 64 bytes holding 7 entries)
 * @param pageBits log2 of the log page size
 * @param memoryPages log pages kept in memory (power of two, at least 4): the log's memory budget
 * @param mutableFraction share of the in-memory pages updated in place
 * @param checkpointsKept newest checkpoints kept on disk (at least 2, so a corrupt newest one
 *                        falls back to the one before); the newest fsynced one is kept besides
 *                        until a newer fsynced one exists
 */
public record HlogOptions(Path directory, long indexBuckets, int pageBits, int memoryPages, double mutableFraction,
                          int checkpointsKept) {

    /** Validates. */
    public HlogOptions {
        if (directory == null) {
            throw new InvalidArgumentException("the store directory is null");
        }
        if (indexBuckets < 2 || Long.bitCount(indexBuckets) != 1) {
            throw new InvalidArgumentException("indexBuckets must be a power of two >= 2, got " + indexBuckets);
        }
        if (checkpointsKept < 2) {
            throw new InvalidArgumentException("checkpointsKept must be at least 2, got " + checkpointsKept);
        }
    }

    /** Defaults: 2^16 buckets, 1 MiB pages, 64 pages (64 MiB) in memory, 90% mutable. */
    public static HlogOptions defaults(Path directory) {
        return new HlogOptions(directory, 1L << 16, 20, 64, 0.9, 2);
    }

    /** A copy with {@code buckets} index buckets. */
    public HlogOptions withIndexBuckets(long buckets) {
        return new HlogOptions(directory, buckets, pageBits, memoryPages, mutableFraction, checkpointsKept);
    }

    /** A copy with pages of {@code 2^bits} bytes, {@code pages} of them in memory. */
    public HlogOptions withMemory(int bits, int pages) {
        return new HlogOptions(directory, indexBuckets, bits, pages, mutableFraction, checkpointsKept);
    }

    /** A copy with another mutable fraction. */
    public HlogOptions withMutableFraction(double fraction) {
        return new HlogOptions(directory, indexBuckets, pageBits, memoryPages, fraction, checkpointsKept);
    }
}
