package dev.oxistore.workload;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** How a run chooses which existing record an operation touches (YCSB's requestdistribution). */
public enum Distribution {
    /** Scrambled Zipfian, theta 0.99: a few hot records spread over the key space. */
    ZIPFIAN,
    /** Every record equally likely. */
    UNIFORM,
    /** Recently inserted records are the hot ones. */
    LATEST;

    /**
     * A chooser for a run over {@code records} loaded records plus about {@code expectedInserts}
     * inserts; {@code count} reports how many records exist at each draw. Like YCSB, Zipfian spans
     * room for twice the expected inserts and a draw past the current count is redrawn; uniform
     * covers the loaded records.
     */
    public KeyChooser chooser(long records, long expectedInserts, LongSupplier count, RandomGenerator random) {
        return switch (this) {
            case UNIFORM -> new UniformChooser(0, records - 1, random);
            case LATEST -> new LatestChooser(count, random);
            case ZIPFIAN -> {
                KeyChooser zipf = new ScrambledZipfianChooser(0, records + 2 * expectedInserts - 1, random);
                yield () -> {
                    long k;
                    do {
                        k = zipf.next();
                    } while (k >= count.getAsLong());
                    return k;
                };
            }
        };
    }
}
