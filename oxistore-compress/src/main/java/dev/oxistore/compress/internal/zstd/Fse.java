package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.CorruptInputException;

/**
 * FSE (tANS) decoding tables (RFC 8878 section 4.1): reading a table description (normalized
 * counts) and building the state table from it.
 *
 * <p>A decoding table is a {@code long[]} of {@code 1 << log} states, each packing the symbol's
 * base value (bits 63-32, unsigned), its count of extra bits (31-24), the number of state bits to
 * read (23-16) and the base of the next state (15-0). For Huffman weights the "base value" is the
 * weight itself. Packing keeps the hot loop at one load per state.
 */
final class Fse {

    private Fse() {
    }

    static long pack(long base, int extraBits, int nbBits, int newState) {
        return (base & 0xFFFFFFFFL) << 32 | (long) extraBits << 24 | (long) nbBits << 16 | newState;
    }

    static int newState(long e) {
        return (int) e & 0xFFFF;
    }

    static int nbBits(long e) {
        return (int) (e >>> 16) & 0xFF;
    }

    static int extraBits(long e) {
        return (int) (e >>> 24) & 0xFF;
    }

    static long base(long e) {
        return e >>> 32;
    }

    /** Scratch space and results of {@link #readCounts}. */
    static final class Counts {
        final short[] norm = new short[256];
        int maxSymbol;
        int log;
        final short[] next = new short[256];
        final byte[] spread = new byte[1 << Zstd.LL_MAX_LOG];
    }

    /**
     * Reads an FSE table description at {@code src[ip, end)} into {@code c} (at most
     * {@code maxSymbol + 1} symbols and accuracy log {@code maxLog}); returns the position after it.
     */
    static int readCounts(String codec, byte[] src, int ip, int end, Counts c, int maxSymbol, int maxLog) {
        int avail = end - ip;
        if (avail < 1) {
            throw new CorruptInputException(codec, "truncated FSE table description");
        }
        long limitBits = (long) avail * 8;
        int bit = 0;
        int log = (int) peek(src, ip, end, 0, 4) + 5;
        if (log > maxLog) {
            throw new CorruptInputException(codec, "FSE accuracy log " + log + " exceeds the maximum " + maxLog);
        }
        bit = 4;
        int remaining = (1 << log) + 1;
        int threshold = 1 << log;
        int nbBits = log + 1;
        int symbol = 0;
        boolean previous0 = false;
        short[] norm = c.norm;
        while (remaining > 1 && symbol <= maxSymbol) {
            if (previous0) {
                int n0 = symbol;
                while (true) {
                    if (bit > limitBits) {
                        throw new CorruptInputException(codec, "truncated FSE table description");
                    }
                    int r = (int) peek(src, ip, end, bit, 2);
                    bit += 2;
                    n0 += r;
                    if (r != 3) {
                        break;
                    }
                }
                if (n0 > maxSymbol) {
                    throw new CorruptInputException(codec, "FSE table description runs past symbol " + maxSymbol);
                }
                while (symbol < n0) {
                    norm[symbol++] = 0;
                }
            }
            int max = (2 * threshold - 1) - remaining;
            int v = (int) peek(src, ip, end, bit, nbBits);
            int count;
            if ((v & (threshold - 1)) < max) {
                count = v & (threshold - 1);
                bit += nbBits - 1;
            } else {
                count = v & (2 * threshold - 1);
                if (count >= threshold) {
                    count -= max;
                }
                bit += nbBits;
            }
            count--;
            remaining -= count < 0 ? -count : count;
            if (remaining < 1) {
                throw new CorruptInputException(codec, "FSE probabilities exceed the table size");
            }
            norm[symbol++] = (short) count;
            previous0 = count == 0;
            while (remaining < threshold) {
                nbBits--;
                threshold >>= 1;
            }
        }
        if (remaining != 1 || bit > limitBits) {
            throw new CorruptInputException(codec, "invalid FSE table description");
        }
        c.maxSymbol = symbol - 1;
        c.log = log;
        return ip + (bit + 7) / 8;
    }

    /** Up to 25 bits at bit position {@code bit} of {@code src[ip, end)}, zeros past the end. */
    private static long peek(byte[] src, int ip, int end, int bit, int n) {
        int at = ip + (bit >>> 3);
        long v = 0;
        for (int i = 0; i < 4 && at + i < end; i++) {
            v |= (long) (src[at + i] & 0xFF) << (8 * i);
        }
        return (v >>> (bit & 7)) & ((1L << n) - 1);
    }

    /**
     * Builds the decoding table of {@code c}'s counts into {@code table}; {@code base} and
     * {@code extra} map symbols to base values and extra bits (null for symbols as values).
     */
    static void build(String codec, long[] table, Counts c, int[] base, int[] extra) {
        int log = c.log;
        int size = 1 << log;
        int high = size - 1;
        short[] norm = c.norm;
        short[] next = c.next;
        byte[] spread = c.spread;
        int maxSymbol = c.maxSymbol;
        for (int s = 0; s <= maxSymbol; s++) {
            if (norm[s] == -1) {
                spread[high--] = (byte) s;
                next[s] = 1;
            } else {
                next[s] = norm[s];
            }
        }
        int step = (size >>> 1) + (size >>> 3) + 3;
        int mask = size - 1;
        int pos = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            for (int i = 0; i < norm[s]; i++) {
                spread[pos] = (byte) s;
                do {
                    pos = (pos + step) & mask;
                } while (pos > high);
            }
        }
        if (pos != 0) {
            throw new CorruptInputException(codec, "invalid FSE distribution");
        }
        for (int u = 0; u < size; u++) {
            int s = spread[u] & 0xFF;
            int n = next[s]++;
            int nb = log - Zstd.highBit(n);
            int state = (n << nb) - size;
            table[u] = pack(base == null ? s : base[s], extra == null ? 0 : extra[s], nb, state);
        }
    }

    /** A one-state table that always yields {@code symbol} (RLE mode). */
    static void rle(long[] table, int symbol, int[] base, int[] extra) {
        table[0] = pack(base[symbol], extra[symbol], 0, 0);
    }

    /** Builds a predefined table from its default distribution. */
    static long[] predefined(short[] norm, int log, int[] base, int[] extra) {
        Counts c = new Counts();
        System.arraycopy(norm, 0, c.norm, 0, norm.length);
        c.maxSymbol = norm.length - 1;
        c.log = log;
        long[] t = new long[1 << log];
        build("zstd", t, c, base, extra);
        return t;
    }
}
