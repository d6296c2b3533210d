package dev.oxistore.compress.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Multi-byte reads and writes on {@code byte[]} through {@code VarHandle} array views: the
 * pure-Java replacement for {@code Unsafe} word access. The JIT turns each call into one unaligned
 * load or store plus a bounds check, which callers make redundant by checking ranges first.
 */
public final class Bits {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Bits() {
    }

    /** The little-endian long at {@code i}. */
    public static long getLong(byte[] b, int i) {
        return (long) LONG_LE.get(b, i);
    }

    /** Stores {@code v} little-endian at {@code i}. */
    public static void putLong(byte[] b, int i, long v) {
        LONG_LE.set(b, i, v);
    }

    /** The little-endian int at {@code i}. */
    public static int getInt(byte[] b, int i) {
        return (int) INT_LE.get(b, i);
    }

    /** Stores {@code v} little-endian at {@code i}. */
    public static void putInt(byte[] b, int i, int v) {
        INT_LE.set(b, i, v);
    }

    /** The unsigned little-endian 16-bit value at {@code i}. */
    public static int getShort(byte[] b, int i) {
        return (short) SHORT_LE.get(b, i) & 0xFFFF;
    }

    /** Stores the low 16 bits of {@code v} little-endian at {@code i}. */
    public static void putShort(byte[] b, int i, int v) {
        SHORT_LE.set(b, i, (short) v);
    }

    /** The big-endian int at {@code i}. */
    public static int getIntBE(byte[] b, int i) {
        return (int) INT_BE.get(b, i);
    }

    /** Stores {@code v} big-endian at {@code i}. */
    public static void putIntBE(byte[] b, int i, int v) {
        INT_BE.set(b, i, v);
    }

    /** The unsigned little-endian 24-bit value at {@code i}. */
    public static int get24(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
    }

    /** Stores the low 24 bits of {@code v} little-endian at {@code i}. */
    public static void put24(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
    }

    /**
     * The number of equal bytes at {@code a[p]} and {@code a[q]}, comparing eight bytes at a time,
     * with {@code p} not passing {@code pLimit} (exclusive). Requires {@code q < p} or both ranges in
     * bounds up to {@code pLimit}.
     */
    public static int matchLength(byte[] a, int p, int q, int pLimit) {
        int start = p;
        while (p < pLimit - 7) {
            long diff = getLong(a, p) ^ getLong(a, q);
            if (diff != 0) {
                return p - start + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            p += 8;
            q += 8;
        }
        while (p < pLimit && a[p] == a[q]) {
            p++;
            q++;
        }
        return p - start;
    }

    /**
     * Copies a back-reference of {@code length} bytes from {@code op - offset} to {@code op} within
     * {@code a}, with LZ77 semantics (an overlapping source repeats with period {@code offset}),
     * writing nothing at or beyond {@code limit}. Requires {@code 0 < offset <= op},
     * {@code op + length <= limit}.
     */
    public static void copyMatch(byte[] a, int op, int offset, int length, int limit) {
        int from = op - offset;
        if (offset >= 8) {
            if (length <= 32 && op + 32 <= limit) {
                // Short matches, the common case: whole words, each read behind the write position
                // (offset >= 8), stores running past op + length but staying below limit.
                putLong(a, op, getLong(a, from));
                putLong(a, op + 8, getLong(a, from + 8));
                if (length > 16) {
                    putLong(a, op + 16, getLong(a, from + 16));
                    putLong(a, op + 24, getLong(a, from + 24));
                }
                return;
            }
            if (offset >= length) {
                System.arraycopy(a, from, a, op, length);
                return;
            }
            if (op + length + 8 <= limit) {
                for (int i = 0; i < length; i += 8) {
                    putLong(a, op + i, getLong(a, from + i));
                }
                return;
            }
        } else if (offset >= length) {
            System.arraycopy(a, from, a, op, length);
            return;
        }
        // Overlapping: [from, op) repeats with period offset, so each copy may take twice as much.
        int end = op + length;
        while (op < end) {
            int n = Math.min(end - op, op - from);
            System.arraycopy(a, from, a, op, n);
            op += n;
        }
    }
}
