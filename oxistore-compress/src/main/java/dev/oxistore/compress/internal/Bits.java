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
     * Copies {@code length <= 64} bytes from {@code src[sp]} to {@code dst[dp]} in 16-byte steps
     * that may read and write up to 15 bytes past the range (a "wild copy"): the caller guarantees
     * that slack, and that nothing there matters yet. Straight-line code: for short copies it beats
     * both {@code System.arraycopy}'s set-up and a loop (which C2 splits into pre/main/post loops).
     * Non-overlapping ranges only, or a back-reference within one array whose source starts at
     * least 8 bytes behind its destination (each 8-byte load then reads bytes already stored).
     */
    public static void wildCopy64(byte[] src, int sp, byte[] dst, int dp, int length) {
        copy16(src, sp, dst, dp);
        if (length > 16) {
            copy16(src, sp + 16, dst, dp + 16);
            if (length > 32) {
                copy16(src, sp + 32, dst, dp + 32);
                if (length > 48) {
                    copy16(src, sp + 48, dst, dp + 48);
                }
            }
        }
    }

    /**
     * Copies a back-reference of {@code length <= 64} bytes from {@code a[from]} to {@code a[to]}
     * with {@code to - from >= length} (no overlap), in 32 or 64 bytes, so it may write up to 31
     * bytes past {@code to + length} (the caller guarantees that slack). Every word is loaded before
     * any is stored: when the source was itself just written, loads that straddled this copy's own
     * fresh stores would defeat the CPU's store-to-load forwarding and stall.
     */
    public static void copyBack64(byte[] a, int from, int to, int length) {
        long w0 = getLong(a, from);
        long w1 = getLong(a, from + 8);
        long w2 = getLong(a, from + 16);
        long w3 = getLong(a, from + 24);
        if (length > 32) {
            long w4 = getLong(a, from + 32);
            long w5 = getLong(a, from + 40);
            long w6 = getLong(a, from + 48);
            long w7 = getLong(a, from + 56);
            putLong(a, to + 32, w4);
            putLong(a, to + 40, w5);
            putLong(a, to + 48, w6);
            putLong(a, to + 56, w7);
        }
        putLong(a, to, w0);
        putLong(a, to + 8, w1);
        putLong(a, to + 16, w2);
        putLong(a, to + 24, w3);
    }

    private static void copy16(byte[] src, int sp, byte[] dst, int dp) {
        putLong(dst, dp, getLong(src, sp));
        putLong(dst, dp + 8, getLong(src, sp + 8));
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
