package dev.oxistore.workload;

import java.util.SplittableRandom;

/**
 * A pool of values of one size, drawn up front; operation {@code i} writes {@code value(i)}. Like
 * db_bench's generator the bytes are half random, half repeated, so a compressing engine sees the
 * same 2:1 compressibility (db_bench's default {@code compression_ratio=0.5}).
 */
public final class Values {

    /** Values in the pool; enough that a value is not trivially cached or deduplicated. */
    public static final int POOL = 1024;

    private final byte[][] pool;

    private Values(byte[][] pool) {
        this.pool = pool;
    }

    /** A pool of {@value #POOL} values of {@code size} bytes. */
    public static Values of(int size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("value size must be >= 0, got " + size);
        }
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] pool = new byte[POOL][size];
        for (byte[] v : pool) {
            int random = (size + 1) / 2;
            for (int i = 0; i < random; i++) {
                v[i] = (byte) (' ' + r.nextInt(95)); // printable, as db_bench's
            }
            for (int i = random; i < size; i++) {
                v[i] = v[i - random];
            }
        }
        return new Values(pool);
    }

    /** The value for operation {@code i} (shared: callers must not modify it). */
    public byte[] value(long i) {
        return pool[(int) Math.floorMod(i, (long) POOL)];
    }

    /** The size of every value. */
    public int size() {
        return pool[0].length;
    }
}
