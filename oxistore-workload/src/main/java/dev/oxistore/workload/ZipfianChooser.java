package dev.oxistore.workload;

import java.util.random.RandomGenerator;

/**
 * Zipfian choice over {@code [min, min + items)}: item {@code min} is the most popular, item
 * {@code min + i} is chosen with probability proportional to {@code 1 / (i + 1)^theta}. The
 * algorithm of Gray et al. as YCSB implements it: one uniform draw and a closed form, after an
 * O(items) computation of the zeta constant, which is extended incrementally when the item count
 * grows (as it does under inserts).
 */
public final class ZipfianChooser implements KeyChooser {

    /** YCSB's default skew. */
    public static final double YCSB_THETA = 0.99;

    private final long min;
    private final double theta;
    private final double alpha;
    private final double zeta2;
    private final RandomGenerator random;
    private long items;
    private double zetaN;
    private double eta;

    /** Zipfian over {@code [min, max]} with skew {@code theta} (0 &lt; theta &lt; 1). */
    public ZipfianChooser(long min, long max, double theta, RandomGenerator random) {
        this(min, max, theta, Double.NaN, random);
    }

    /**
     * Like {@link #ZipfianChooser(long, long, double, RandomGenerator)} with a precomputed zeta
     * constant for {@code max - min + 1} items (for counts too large to sum), or NaN to compute it.
     */
    ZipfianChooser(long min, long max, double theta, double zetaN, RandomGenerator random) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("theta must be in (0, 1), got " + theta);
        }
        this.min = min;
        this.theta = theta;
        this.random = random;
        this.alpha = 1.0 / (1.0 - theta);
        this.zeta2 = zeta(0, 2, theta, 0);
        this.items = max - min + 1;
        this.zetaN = Double.isNaN(zetaN) ? zeta(0, items, theta, 0) : zetaN;
        this.eta = eta();
    }

    @Override
    public long next() {
        return next(items);
    }

    /** The next draw over the first {@code count} items, growing (or recomputing) the zeta constant as needed. */
    public long next(long count) {
        if (count != items) {
            zetaN = count > items ? zeta(items, count, theta, zetaN) : zeta(0, count, theta, 0);
            items = count;
            eta = eta();
        }
        double u = random.nextDouble();
        double uz = u * zetaN;
        if (uz < 1.0) {
            return min;
        }
        if (uz < 1.0 + Math.pow(0.5, theta)) {
            return min + Math.min(1, items - 1);
        }
        long offset = (long) (items * Math.pow(eta * u - eta + 1, alpha));
        return min + Math.min(offset, items - 1);
    }

    private double eta() {
        return (1 - Math.pow(2.0 / items, 1 - theta)) / (1 - zeta2 / zetaN);
    }

    /** {@code initial} plus the sum of {@code 1 / i^theta} for i in {@code (from, to]}. */
    static double zeta(long from, long to, double theta, double initial) {
        double sum = initial;
        for (long i = from; i < to; i++) {
            sum += 1 / Math.pow(i + 1, theta);
        }
        return sum;
    }
}
