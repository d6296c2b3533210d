package dev.oxistore.workload;

import java.util.Arrays;

/**
 * Fixed-size keys made before the clock starts, one per record number, shared by callers (who
 * must not modify them). Two layouts:
 * <ul>
 *   <li>{@link #ordered} (db_bench): the record's number in zero-padded decimal, so key order is
 *       record order and a sequential fill writes keys in ascending order;</li>
 *   <li>{@link #hashed} (YCSB): a {@code "user000..."} filler then 16 hex digits of a bijective
 *       mix of the record number, so consecutive records land all over the key space.</li>
 * </ul>
 */
public final class Keys {

    /** The smallest {@link #hashed} key: its 16 hex digits. */
    public static final int MIN_HASHED_SIZE = 16;

    private final byte[][] keys;

    private Keys(byte[][] keys) {
        this.keys = keys;
    }

    /**
     * db_bench keys: key {@code i} is the number {@code i * stride + offset} in decimal, padded
     * with leading zeros to {@code size} bytes. {@code ordered(n, s, 2, 0)} and
     * {@code ordered(n, s, 2, 1)} interleave, giving keys that miss between the loaded ones.
     *
     * @throws IllegalArgumentException when the largest number does not fit {@code size} digits
     */
    public static Keys ordered(int count, int size, int stride, int offset) {
        if (count < 0 || stride < 1 || offset < 0) {
            throw new IllegalArgumentException("count, offset must be >= 0 and stride >= 1");
        }
        long largest = count == 0 ? 0 : (long) (count - 1) * stride + offset;
        if (Long.toString(largest).length() > size) {
            throw new IllegalArgumentException("key size " + size + " cannot hold " + largest + " in decimal: use a larger key size");
        }
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] k = new byte[size];
            Arrays.fill(k, (byte) '0');
            long v = (long) i * stride + offset;
            for (int d = size - 1; v > 0; d--) {
                k[d] = (byte) ('0' + v % 10);
                v /= 10;
            }
            keys[i] = k;
        }
        return new Keys(keys);
    }

    /** YCSB keys for records {@code 0} to {@code count - 1}, each {@code size} bytes (at least {@value #MIN_HASHED_SIZE}). */
    public static Keys hashed(int count, int size) {
        if (size < MIN_HASHED_SIZE) {
            throw new IllegalArgumentException("key size must be at least " + MIN_HASHED_SIZE + ", got " + size);
        }
        byte[] filler = new byte[size - MIN_HASHED_SIZE];
        Arrays.fill(filler, (byte) '0');
        byte[] user = {'u', 's', 'e', 'r'};
        System.arraycopy(user, 0, filler, 0, Math.min(user.length, filler.length));
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] k = Arrays.copyOf(filler, size);
            long h = mix(i);
            for (int d = size - 1; d >= filler.length; d--) {
                k[d] = (byte) Character.forDigit((int) (h & 0xF), 16);
                h >>>= 4;
            }
            keys[i] = k;
        }
        return new Keys(keys);
    }

    /** The key of record {@code i}. */
    public byte[] key(int i) {
        return keys[i];
    }

    /** How many keys there are. */
    public int size() {
        return keys.length;
    }

    /** MurmurHash3's 64-bit finaliser: a bijection, so distinct records get distinct keys. */
    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
