package dev.oxistore.workload;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * YCSB's skewed-latest choice: the most recently inserted record is the most popular, and
 * popularity falls off as a Zipfian with distance from it. Follows the insert count as it grows.
 */
public final class LatestChooser implements KeyChooser {

    private final LongSupplier count;
    private final ZipfianChooser zipfian;

    /** Chooses among records {@code [0, count)}, where {@code count} reports how many exist now. */
    public LatestChooser(LongSupplier count, RandomGenerator random) {
        this.count = count;
        long n = count.getAsLong();
        if (n < 1) {
            throw new IllegalArgumentException("no records to choose from");
        }
        this.zipfian = new ZipfianChooser(0, n - 1, ZipfianChooser.YCSB_THETA, random);
    }

    @Override
    public long next() {
        long n = count.getAsLong();
        return n - 1 - zipfian.next(n);
    }
}
