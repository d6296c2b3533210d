package dev.oxistore.workload;

import java.util.random.RandomGenerator;

/** Every record in {@code [min, max]} equally likely. */
public final class UniformChooser implements KeyChooser {

    private final long min;
    private final long span;
    private final RandomGenerator random;

    /** Chooses from {@code [min, max]}. */
    public UniformChooser(long min, long max, RandomGenerator random) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        this.min = min;
        this.span = max - min + 1;
        this.random = random;
    }

    @Override
    public long next() {
        return min + random.nextLong(span);
    }
}
