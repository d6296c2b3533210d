package dev.oxistore.workload;

import java.util.random.RandomGenerator;

/**
 * Zipfian popularity with the popular items spread over the whole range instead of bunched at its
 * start, as in YCSB: a Zipfian draw over ten billion items (whose zeta constant for theta 0.99 YCSB
 * precomputes) is hashed with FNV-1a and reduced modulo the item count. The skew is that of
 * {@link ZipfianChooser#YCSB_THETA}.
 */
public final class ScrambledZipfianChooser implements KeyChooser {

    static final long ITEM_COUNT = 10_000_000_000L;
    /** Zeta(10^10, 0.99), the constant YCSB uses rather than summing ten billion terms. */
    static final double ZETA_ITEM_COUNT = 26.46902820178302;

    private static final long FNV_OFFSET_BASIS_64 = 0xCBF29CE484222325L;
    private static final long FNV_PRIME_64 = 1099511628211L;

    private final long min;
    private final long items;
    private final ZipfianChooser zipfian;

    /** Scrambled Zipfian over {@code [min, max]}. */
    public ScrambledZipfianChooser(long min, long max, RandomGenerator random) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        this.min = min;
        this.items = max - min + 1;
        this.zipfian = new ZipfianChooser(0, ITEM_COUNT - 1, ZipfianChooser.YCSB_THETA, ZETA_ITEM_COUNT, random);
    }

    @Override
    public long next() {
        return min + Long.remainderUnsigned(fnv1a64(zipfian.next()), items);
    }

    /** FNV-1a over the eight little-endian bytes of {@code value}, as YCSB's {@code Utils.fnvhash64}. */
    static long fnv1a64(long value) {
        long hash = FNV_OFFSET_BASIS_64;
        long v = value;
        for (int i = 0; i < 8; i++) {
            hash ^= v & 0xFF;
            hash *= FNV_PRIME_64;
            v >>>= 8;
        }
        return hash;
    }
}
