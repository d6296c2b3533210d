package dev.oxistore.workload;

import java.util.SplittableRandom;

/** db_bench's access orders over record numbers {@code [0, n)}, drawn up front as int arrays. */
public final class Order {

    private Order() {
    }

    /** {@code 0, 1, ..., n - 1} (fillseq, readseq). */
    public static int[] sequential(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** {@code n - 1, ..., 0} (readreverse). */
    public static int[] reverse(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = n - 1 - i;
        }
        return a;
    }

    /** A random permutation: every record exactly once (fillrandom, deleterandom). */
    public static int[] shuffled(int n, long seed) {
        int[] a = sequential(n);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** {@code count} uniform draws from {@code [0, bound)} with replacement (readrandom, overwrite). */
    public static int[] uniform(int count, int bound, long seed) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1, got " + bound);
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] a = new int[count];
        for (int i = 0; i < count; i++) {
            a[i] = r.nextInt(bound);
        }
        return a;
    }
}
