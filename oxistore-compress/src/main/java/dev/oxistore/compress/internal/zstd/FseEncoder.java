package dev.oxistore.compress.internal.zstd;

/**
 * FSE (tANS) encoding: normalizing symbol counts to a power-of-two table, writing the table
 * description that {@link Fse#readCounts} reads, building the encoding table, and the cost estimates
 * that choose between predefined, RLE and compressed tables. Follows the reference encoder
 * (FSE_normalizeCount, FSE_writeNCount, FSE_buildCTable) so its output is what decoders expect.
 */
final class FseEncoder {

    private static final int[] RTB = {0, 473195, 504333, 520860, 550000, 700000, 750000, 830000};

    /** An encoding table: the state table and, per symbol, the bit-count delta and state offset. */
    static final class Table {
        int log;
        final int[] states;
        final int[] deltaNbBits = new int[256];
        final int[] deltaFindState = new int[256];

        Table(int maxLog) {
            states = new int[1 << maxLog];
        }

        int initState(int s) {
            int nbBitsOut = (deltaNbBits[s] + (1 << 15)) >>> 16;
            int value = (nbBitsOut << 16) - deltaNbBits[s];
            return states[(value >>> nbBitsOut) + deltaFindState[s]];
        }
    }

    private final int[] cumul = new int[257];
    private final byte[] spread = new byte[1 << Zstd.LL_MAX_LOG];

    /** The accuracy log the reference encoder picks for {@code total} symbols up to {@code maxSymbol}. */
    static int optimalLog(int maxLog, int total, int maxSymbol) {
        int minBitsSrc = Zstd.highBit(total) + 1;
        int minBitsSymbols = Zstd.highBit(Math.max(maxSymbol, 1)) + 2;
        int minBits = Math.min(minBitsSrc, minBitsSymbols);
        int maxBitsSrc = total > 1 ? Zstd.highBit(total - 1) - 2 : 0;
        int log = maxLog;
        if (maxBitsSrc < log) {
            log = maxBitsSrc;
        }
        if (minBits > log) {
            log = minBits;
        }
        return Math.clamp(log, 5, 12);
    }

    /**
     * Normalizes {@code count[0..maxSymbol]} (summing to {@code total}, at least two symbols present)
     * to sum {@code 1 << log} in {@code norm}; rare symbols get -1 ("less than one").
     */
    static void normalize(short[] norm, int log, int[] count, int total, int maxSymbol) {
        int scale = 62 - log;
        long step = (1L << 62) / total;
        long vStep = 1L << (scale - 20);
        int toDistribute = 1 << log;
        int largest = 0;
        int largestP = 0;
        int lowThreshold = total >>> log;
        for (int s = 0; s <= maxSymbol; s++) {
            if (count[s] == 0) {
                norm[s] = 0;
                continue;
            }
            if (count[s] <= lowThreshold) {
                norm[s] = -1;
                toDistribute--;
            } else {
                long scaled = count[s] * step;
                int p = (int) (scaled >>> scale);
                if (p < 8) {
                    long restToBeat = vStep * RTB[p];
                    if (scaled - ((long) p << scale) > restToBeat) {
                        p++;
                    }
                }
                if (p > largestP) {
                    largestP = p;
                    largest = s;
                }
                norm[s] = (short) p;
                toDistribute -= p;
            }
        }
        if (-toDistribute >= (norm[largest] >> 1)) {
            normalizeFallback(norm, log, count, total, maxSymbol);
        } else {
            norm[largest] += (short) toDistribute;
        }
    }

    /**
     * The corner case of {@link #normalize}: proportional shares with every present symbol at least
     * one, the excess taken from the largest shares.
     */
    private static void normalizeFallback(short[] norm, int log, int[] count, int total, int maxSymbol) {
        int size = 1 << log;
        int sum = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            if (count[s] == 0) {
                norm[s] = 0;
            } else {
                norm[s] = (short) Math.max(1, (int) ((long) count[s] * size / total));
                sum += norm[s];
            }
        }
        while (sum != size) {
            int best = -1;
            for (int s = 0; s <= maxSymbol; s++) {
                if (norm[s] > 0 && (sum < size || norm[s] > 1) && (best < 0 || norm[s] > norm[best])) {
                    best = s;
                }
            }
            int d = Math.clamp(size - sum, -(norm[best] - 1), Integer.MAX_VALUE);
            norm[best] += (short) d;
            sum += d;
        }
    }

    /** Writes the table description of {@code norm}; returns its size in bytes, or -1 if no room. */
    static int writeCounts(byte[] dst, int op, int dstEnd, short[] norm, int maxSymbol, int log) {
        int start = op;
        int tableSize = 1 << log;
        long bitStream = log - 5;
        int bitCount = 4;
        int remaining = tableSize + 1;
        int threshold = tableSize;
        int nbBits = log + 1;
        int symbol = 0;
        int alphabetSize = maxSymbol + 1;
        boolean previous0 = false;
        while (symbol < alphabetSize && remaining > 1) {
            if (previous0) {
                int s0 = symbol;
                while (symbol < alphabetSize && norm[symbol] == 0) {
                    symbol++;
                }
                if (symbol == alphabetSize) {
                    break;
                }
                while (symbol >= s0 + 24) {
                    s0 += 24;
                    bitStream |= 0xFFFFL << bitCount;
                    bitCount += 16;
                    if (op + 8 > dstEnd) {
                        return -1;
                    }
                    dst[op++] = (byte) bitStream;
                    dst[op++] = (byte) (bitStream >>> 8);
                    bitStream >>>= 16;
                    bitCount -= 16;
                }
                while (symbol >= s0 + 3) {
                    s0 += 3;
                    bitStream |= 3L << bitCount;
                    bitCount += 2;
                }
                bitStream |= (long) (symbol - s0) << bitCount;
                bitCount += 2;
                if (bitCount > 16) {
                    if (op + 2 > dstEnd) {
                        return -1;
                    }
                    dst[op++] = (byte) bitStream;
                    dst[op++] = (byte) (bitStream >>> 8);
                    bitStream >>>= 16;
                    bitCount -= 16;
                }
            }
            int count = norm[symbol++];
            int max = (2 * threshold - 1) - remaining;
            remaining -= count < 0 ? -count : count;
            count++;
            if (count >= threshold) {
                count += max;
            }
            bitStream |= (long) count << bitCount;
            bitCount += nbBits;
            if (count < max) {
                bitCount--;
            }
            previous0 = count == 1;
            while (remaining < threshold) {
                nbBits--;
                threshold >>= 1;
            }
            if (bitCount > 16) {
                if (op + 2 > dstEnd) {
                    return -1;
                }
                dst[op++] = (byte) bitStream;
                dst[op++] = (byte) (bitStream >>> 8);
                bitStream >>>= 16;
                bitCount -= 16;
            }
        }
        if (op + 2 > dstEnd) {
            return -1;
        }
        dst[op++] = (byte) bitStream;
        dst[op++] = (byte) (bitStream >>> 8);
        op -= 2 - (bitCount + 7) / 8;
        return op - start;
    }

    /** Builds the encoding table for {@code norm} (a valid distribution) into {@code t}. */
    void build(Table t, short[] norm, int maxSymbol, int log) {
        int size = 1 << log;
        int mask = size - 1;
        int high = size - 1;
        int step = (size >>> 1) + (size >>> 3) + 3;
        cumul[0] = 0;
        for (int u = 1; u <= maxSymbol + 1; u++) {
            if (norm[u - 1] == -1) {
                cumul[u] = cumul[u - 1] + 1;
                spread[high--] = (byte) (u - 1);
            } else {
                cumul[u] = cumul[u - 1] + Math.max(0, norm[u - 1]);
            }
        }
        int pos = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            for (int i = 0; i < norm[s]; i++) {
                spread[pos] = (byte) s;
                do {
                    pos = (pos + step) & mask;
                } while (pos > high);
            }
        }
        for (int u = 0; u < size; u++) {
            int s = spread[u] & 0xFF;
            t.states[cumul[s]++] = size + u;
        }
        int total = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            int n = norm[s];
            if (n == 0) {
                t.deltaNbBits[s] = ((log + 1) << 16) - size;
            } else if (n == -1 || n == 1) {
                t.deltaNbBits[s] = (log << 16) - size;
                t.deltaFindState[s] = total - 1;
                total++;
            } else {
                int maxBitsOut = log - Zstd.highBit(n - 1);
                int minStatePlus = n << maxBitsOut;
                t.deltaNbBits[s] = (maxBitsOut << 16) - minStatePlus;
                t.deltaFindState[s] = total - n;
                total += n;
            }
        }
        t.log = log;
    }

    /** A one-state table that always encodes {@code symbol} in zero bits (RLE mode). */
    static void rle(Table t, int symbol) {
        t.log = 0;
        t.states[0] = 0;
        t.deltaNbBits[symbol] = 0;
        t.deltaFindState[symbol] = 0;
    }

    /** Estimated bits to encode {@code count} with distribution {@code norm} of accuracy {@code log}. */
    static double cost(int[] count, int maxSymbol, short[] norm, int normMaxSymbol, int log) {
        double bits = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            if (count[s] == 0) {
                continue;
            }
            if (s > normMaxSymbol || norm[s] == 0) {
                return Double.POSITIVE_INFINITY;
            }
            int p = norm[s] < 0 ? 1 : norm[s];
            bits += count[s] * (log - Math.log(p) / Math.log(2));
        }
        return bits;
    }
}
