package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.internal.Bits;

/**
 * Huffman encoding of Zstandard literals: optimal code lengths limited to 11 bits, canonical codes
 * in the order the decoder's table assigns them, the tree description (FSE-compressed weights, or
 * 4-bit weights when that is smaller), and one or four bit streams.
 */
final class HuffmanEncoder {

    static final int MAX_BITS = 11;

    final int[] count = new int[256];
    private final byte[] length = new byte[256];
    private final int[] code = new int[256];
    private int maxSymbol;
    private int maxLength;

    private final int[] sorted = new int[256];
    private final long[] weight = new long[512];
    private final int[] parent = new int[512];
    private final byte[] weights = new byte[256];
    private final int[] weightCount = new int[MAX_BITS + 2];
    private final short[] norm = new short[256];
    private final FseEncoder fse = new FseEncoder();
    private final FseEncoder.Table weightTable = new FseEncoder.Table(Zstd.HUF_WEIGHTS_MAX_LOG);
    private final BitWriter writer = new BitWriter();

    /** Counts {@code src[off, off + n)}; returns the number of distinct byte values. */
    int histogram(byte[] src, int off, int n) {
        java.util.Arrays.fill(count, 0);
        for (int i = off, end = off + n; i < end; i++) {
            count[src[i] & 0xFF]++;
        }
        int distinct = 0;
        maxSymbol = 0;
        for (int s = 0; s < 256; s++) {
            if (count[s] != 0) {
                distinct++;
                maxSymbol = s;
            }
        }
        return distinct;
    }

    /** Builds length-limited canonical codes for the current histogram (two symbols or more). */
    void build() {
        int n = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            length[s] = 0;
            if (count[s] != 0) {
                sorted[n++] = s;
            }
        }
        // Sort present symbols by count, ascending (insertion sort on at most 256 entries).
        for (int i = 1; i < n; i++) {
            int s = sorted[i];
            int j = i - 1;
            while (j >= 0 && count[sorted[j]] > count[s]) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = s;
        }
        // Two-queue Huffman construction: leaves 0..n-1 in order, internal nodes n.. in order.
        for (int i = 0; i < n; i++) {
            weight[i] = count[sorted[i]];
        }
        int leaf = 0;
        int node = n;
        int next = n;
        for (int k = 0; k < n - 1; k++) {
            int a = leaf < n && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
            int b = leaf < n && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
            weight[next] = weight[a] + weight[b];
            parent[a] = next;
            parent[b] = next;
            next++;
        }
        int root = next - 1;
        // Depths: parents come after children, so one backward pass suffices (reuse weight[]).
        weight[root] = 0;
        for (int i = root - 1; i >= 0; i--) {
            weight[i] = weight[parent[i]] + 1;
        }
        int longest = 0;
        for (int i = 0; i < n; i++) {
            int len = (int) Math.min(weight[i], 63);
            length[sorted[i]] = (byte) len;
            longest = Math.max(longest, len);
        }
        if (longest > MAX_BITS) {
            limitLengths(n);
        }
        maxLength = 0;
        int[] perLength = new int[MAX_BITS + 2];
        for (int s = 0; s <= maxSymbol; s++) {
            maxLength = Math.max(maxLength, length[s]);
            perLength[length[s]]++;
        }
        int[] next0 = new int[MAX_BITS + 2];
        int min = 0;
        for (int len = maxLength; len > 0; len--) {
            next0[len] = min;
            min += perLength[len];
            min >>= 1;
        }
        for (int s = 0; s <= maxSymbol; s++) {
            if (length[s] > 0) {
                code[s] = next0[length[s]]++;
            }
        }
    }

    /** Clamps lengths to {@link #MAX_BITS} and restores a complete code (Kraft sum exactly 1). */
    private void limitLengths(int n) {
        int target = 1 << MAX_BITS;
        int kraft = 0;
        for (int i = 0; i < n; i++) {
            int s = sorted[i];
            if (length[s] > MAX_BITS) {
                length[s] = MAX_BITS;
            }
            kraft += 1 << (MAX_BITS - length[s]);
        }
        while (kraft > target) {
            // Lengthen the longest code below the limit (the smallest loss), rarest first.
            int best = -1;
            for (int i = 0; i < n; i++) {
                int s = sorted[i];
                if (length[s] < MAX_BITS && (best < 0 || length[s] > length[best])) {
                    best = s;
                }
            }
            kraft -= 1 << (MAX_BITS - length[best] - 1);
            length[best]++;
        }
        while (kraft < target) {
            // Shorten the most frequent code whose shortening still fits.
            int best = -1;
            for (int i = n - 1; i >= 0; i--) {
                int s = sorted[i];
                if (length[s] > 1 && kraft + (1 << (MAX_BITS - length[s])) <= target) {
                    best = s;
                    break;
                }
            }
            kraft += 1 << (MAX_BITS - length[best]);
            length[best]--;
        }
    }

    /** Estimated size in bytes of the literals encoded with the current codes. */
    int estimate() {
        long bits = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            bits += (long) count[s] * length[s];
        }
        return (int) ((bits + 7) >>> 3);
    }

    /** Writes the tree description; returns its size, or -1 if it cannot be written or has no room. */
    int writeTable(byte[] dst, int op, int end) {
        int nbWeights = maxSymbol; // the last symbol's weight is implied
        java.util.Arrays.fill(weightCount, 0);
        int maxW = 0;
        for (int s = 0; s < nbWeights; s++) {
            int w = length[s] == 0 ? 0 : maxLength + 1 - length[s];
            weights[s] = (byte) w;
            weightCount[w]++;
            maxW = Math.max(maxW, w);
        }
        int fseSize = compressWeights(dst, op + 1, end, nbWeights, maxW);
        if (fseSize > 1 && fseSize < nbWeights / 2) {
            dst[op] = (byte) fseSize;
            return fseSize + 1;
        }
        if (nbWeights > 128) {
            return -1;
        }
        int bytes = (nbWeights + 1) / 2;
        if (end - op < bytes + 1) {
            return -1;
        }
        dst[op] = (byte) (127 + nbWeights);
        for (int i = 0; i < nbWeights; i += 2) {
            int hi = weights[i];
            int lo = i + 1 < nbWeights ? weights[i + 1] : 0;
            dst[op + 1 + i / 2] = (byte) (hi << 4 | lo);
        }
        return bytes + 1;
    }

    /** FSE-compresses the weights with two interleaved states; returns the size, or 0 if unsuitable. */
    private int compressWeights(byte[] dst, int op, int end, int n, int maxW) {
        if (n <= 1) {
            return 0;
        }
        int maxCount = 0;
        for (int w = 0; w <= maxW; w++) {
            maxCount = Math.max(maxCount, weightCount[w]);
        }
        if (maxCount == n || maxCount == 1) {
            return 0;
        }
        int log = FseEncoder.optimalLog(Zstd.HUF_WEIGHTS_MAX_LOG, n, maxW);
        FseEncoder.normalize(norm, log, weightCount, n, maxW);
        for (int w = 0; w <= maxW; w++) {
            if (norm[w] == -1) {
                norm[w] = 1; // the reference encoder does not use "less than one" for weights
            }
        }
        fixSum(norm, maxW, log);
        int header = FseEncoder.writeCounts(dst, op, Math.min(end, op + 128), norm, maxW, log);
        if (header < 0) {
            return 0;
        }
        fse.build(weightTable, norm, maxW, log);
        writer.init(dst, op + header, Math.min(end, op + 136));
        int i = n;
        int state1;
        int state2;
        if ((n & 1) != 0) {
            state1 = weightTable.initState(weights[--i]);
            state2 = weightTable.initState(weights[--i]);
            state1 = encode(state1, weights[--i]);
        } else {
            state2 = weightTable.initState(weights[--i]);
            state1 = weightTable.initState(weights[--i]);
        }
        while (i > 0) {
            state2 = encode(state2, weights[--i]);
            state1 = encode(state1, weights[--i]);
        }
        writer.add(state2, log);
        writer.add(state1, log);
        int size = writer.close();
        return size < 0 ? 0 : header + size;
    }

    /** Makes {@code norm} sum to {@code 1 << log} after -1 entries became 1. */
    private static void fixSum(short[] norm, int maxSymbol, int log) {
        int sum = 0;
        int largest = 0;
        for (int s = 0; s <= maxSymbol; s++) {
            sum += norm[s];
            if (norm[s] > norm[largest]) {
                largest = s;
            }
        }
        norm[largest] -= (short) (sum - (1 << log));
    }

    private int encode(int state, int symbol) {
        int nbBitsOut = (state + weightTable.deltaNbBits[symbol]) >>> 16;
        writer.add(state, nbBitsOut);
        return weightTable.states[(state >>> nbBitsOut) + weightTable.deltaFindState[symbol]];
    }

    /** Encodes {@code src[off, off + n)} as one stream; returns its size or -1 if it does not fit. */
    int encode1(byte[] src, int off, int n, byte[] dst, int op, int end) {
        writer.init(dst, op, end);
        for (int i = off + n - 1; i >= off; i--) {
            int s = src[i] & 0xFF;
            writer.add(code[s], length[s]);
        }
        return writer.close();
    }

    /** Encodes as four streams behind a jump table; returns the total size or -1. */
    int encode4(byte[] src, int off, int n, byte[] dst, int op, int end) {
        int seg = (n + 3) / 4;
        if (end - op < 6) {
            return -1;
        }
        int p = op + 6;
        for (int k = 0; k < 4; k++) {
            int from = off + k * seg;
            int len = k < 3 ? seg : n - 3 * seg;
            int size = encode1(src, from, len, dst, p, end);
            if (size < 0 || (k < 3 && size > 0xFFFF)) {
                return -1;
            }
            if (k < 3) {
                Bits.putShort(dst, op + 2 * k, size);
            }
            p += size;
        }
        return p - op;
    }
}
