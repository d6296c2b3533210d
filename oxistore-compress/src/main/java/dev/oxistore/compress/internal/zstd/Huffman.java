package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.internal.Bits;

/**
 * Huffman decoding of Zstandard literals (RFC 8878 section 4.2): the tree description (weights,
 * direct or FSE-compressed), a single-symbol lookup table of {@code 1 << log} entries
 * ({@code symbol << 8 | bits}), and the bit streams, read backwards from their last byte.
 */
final class Huffman {

    /** The current decoding table: {@link #own}, or a dictionary's table shared read-only. */
    int[] table;
    int log;
    boolean present;

    private final int[] own = new int[1 << Zstd.HUF_MAX_LOG];

    private final byte[] weights = new byte[256];
    private final int[] rankCount = new int[Zstd.HUF_MAX_LOG + 1];
    private final int[] rankStart = new int[Zstd.HUF_MAX_LOG + 2];
    private final Fse.Counts counts = new Fse.Counts();
    private final long[] weightTable = new long[1 << Zstd.HUF_WEIGHTS_MAX_LOG];

    Huffman() {
        table = own;
    }

    /** Makes {@code t} (a dictionary's table, never written) the current table. */
    void use(int[] t, int tableLog) {
        table = t;
        log = tableLog;
        present = true;
    }

    /** Reads a tree description at {@code src[ip, end)}, builds the table; returns the end of it. */
    int readTable(String codec, byte[] src, int ip, int end) {
        if (ip >= end) {
            throw new CorruptInputException(codec, "truncated Huffman tree description");
        }
        int header = src[ip] & 0xFF;
        int n;
        if (header < 128) {
            int size = header;
            if (size == 0 || size > end - ip - 1) {
                throw new CorruptInputException(codec, "invalid Huffman weights size " + size);
            }
            int wEnd = ip + 1 + size;
            int p = Fse.readCounts(codec, src, ip + 1, wEnd, counts, 255, Zstd.HUF_WEIGHTS_MAX_LOG);
            Fse.build(codec, weightTable, counts, null, null);
            n = decodeWeights(codec, src, p, wEnd, counts.log);
            ip = wEnd;
        } else {
            n = header - 127;
            int bytes = (n + 1) / 2;
            if (bytes > end - ip - 1) {
                throw new CorruptInputException(codec, "truncated Huffman weights");
            }
            for (int i = 0; i < n; i++) {
                int b = src[ip + 1 + i / 2] & 0xFF;
                weights[i] = (byte) ((i & 1) == 0 ? b >>> 4 : b & 15);
            }
            ip += 1 + bytes;
        }
        buildTable(codec, n);
        present = true;
        return ip;
    }

    /** Decodes the FSE-compressed weights with two interleaved states; returns their count. */
    private int decodeWeights(String codec, byte[] src, int start, int end, int fseLog) {
        if (end <= start || src[end - 1] == 0) {
            throw new CorruptInputException(codec, "invalid Huffman weights bit stream");
        }
        // A plain bit cursor: this stream is at most 128 bytes, so simplicity beats speed here.
        long offset = (long) (end - start) * 8 - (8 - Zstd.highBit(src[end - 1] & 0xFF));
        offset -= fseLog;
        int s1 = readBits(src, start, offset, fseLog);
        offset -= fseLog;
        int s2 = readBits(src, start, offset, fseLog);
        int n = 0;
        while (true) {
            if (n >= 254) {
                throw new CorruptInputException(codec, "too many Huffman weights");
            }
            long e = weightTable[s1];
            weights[n++] = (byte) Fse.base(e);
            offset -= Fse.nbBits(e);
            s1 = Fse.newState(e) + readBits(src, start, offset, Fse.nbBits(e));
            if (offset < 0) {
                weights[n++] = (byte) Fse.base(weightTable[s2]);
                break;
            }
            e = weightTable[s2];
            weights[n++] = (byte) Fse.base(e);
            offset -= Fse.nbBits(e);
            s2 = Fse.newState(e) + readBits(src, start, offset, Fse.nbBits(e));
            if (offset < 0) {
                weights[n++] = (byte) Fse.base(weightTable[s1]);
                break;
            }
        }
        return n;
    }

    /** {@code n} bits at bit {@code offset} of the stream at {@code start}; bits below 0 read as 0. */
    private static int readBits(byte[] src, int start, long offset, int n) {
        if (n == 0) {
            return 0;
        }
        if (offset < 0) {
            int actual = (int) (n + offset);
            return actual <= 0 ? 0 : readBits(src, start, 0, actual) << (int) -offset;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            long b = offset + i;
            v |= ((src[start + (int) (b >>> 3)] >>> (b & 7)) & 1) << i;
        }
        return v;
    }

    private void buildTable(String codec, int n) {
        java.util.Arrays.fill(rankCount, 0);
        int total = 0;
        for (int i = 0; i < n; i++) {
            int w = weights[i];
            if (w > Zstd.HUF_MAX_LOG) {
                throw new CorruptInputException(codec, "Huffman weight " + w + " exceeds " + Zstd.HUF_MAX_LOG);
            }
            rankCount[w]++;
            if (w > 0) {
                total += 1 << (w - 1);
            }
        }
        if (total == 0) {
            throw new CorruptInputException(codec, "Huffman tree without symbols");
        }
        int tableLog = Zstd.highBit(total) + 1;
        if (tableLog > Zstd.HUF_MAX_LOG) {
            throw new CorruptInputException(codec, "Huffman tree deeper than " + Zstd.HUF_MAX_LOG + " bits");
        }
        int rest = (1 << tableLog) - total;
        if (Integer.bitCount(rest) != 1) {
            throw new CorruptInputException(codec, "Huffman weights do not complete a tree");
        }
        int last = Zstd.highBit(rest) + 1;
        weights[n] = (byte) last;
        rankCount[last]++;
        if (rankCount[1] < 2 || (rankCount[1] & 1) != 0) {
            throw new CorruptInputException(codec, "invalid Huffman tree: odd count of the longest codes");
        }
        int pos = 0;
        for (int w = 1; w <= tableLog; w++) {
            rankStart[w] = pos;
            pos += rankCount[w] << (w - 1);
        }
        for (int s = 0; s <= n; s++) {
            int w = weights[s];
            if (w == 0) {
                continue;
            }
            int len = 1 << (w - 1);
            int entry = s << 8 | (tableLog + 1 - w);
            int at = rankStart[w];
            java.util.Arrays.fill(own, at, at + len, entry);
            rankStart[w] = at + len;
        }
        table = own;
        log = tableLog;
    }

    /** Decodes {@code n} literals from one stream {@code src[start, end)} into {@code out} at {@code op}. */
    void decode1(String codec, byte[] src, int start, int end, byte[] out, int op, int n) {
        Stream s = streams[0];
        s.init(codec, src, start, end);
        s.finish(codec, src, out, op, op + n, table, log);
    }

    /**
     * Decodes {@code n} literals from four streams behind a six-byte jump table. While every stream
     * has eight bytes left the four are decoded in one interleaved loop, four symbols each per
     * refill, so their independent bit extractions overlap in the CPU; each stream then finishes
     * alone and must be consumed exactly.
     */
    void decode4(String codec, byte[] src, int start, int end, byte[] out, int op, int n) {
        if (end - start < 10) {
            throw new CorruptInputException(codec, "four Huffman streams need at least 10 bytes");
        }
        int s1 = Bits.getShort(src, start);
        int s2 = Bits.getShort(src, start + 2);
        int s3 = Bits.getShort(src, start + 4);
        int p1 = start + 6;
        int p2 = p1 + s1;
        int p3 = p2 + s2;
        int p4 = p3 + s3;
        if (s1 == 0 || s2 == 0 || s3 == 0 || p4 >= end) {
            throw new CorruptInputException(codec, "invalid Huffman jump table");
        }
        int seg = (n + 3) / 4;
        if (n - 3 * seg < 0) {
            throw new CorruptInputException(codec, "too few literals (" + n + ") for four Huffman streams");
        }
        Stream a = streams[0];
        Stream b = streams[1];
        Stream c = streams[2];
        Stream d = streams[3];
        a.init(codec, src, p1, p2);
        b.init(codec, src, p2, p3);
        c.init(codec, src, p3, p4);
        d.init(codec, src, p4, end);
        int o1 = op;
        int o2 = op + seg;
        int o3 = op + 2 * seg;
        int o4 = op + 3 * seg;
        int end4 = op + n;
        int[] t = table;
        int shift = 64 - log;
        long b1 = a.bits;
        long b2 = b.bits;
        long b3 = c.bits;
        long b4 = d.bits;
        int c1 = a.consumed;
        int c2 = b.consumed;
        int c3 = c.consumed;
        int c4 = d.consumed;
        int q1 = a.ptr;
        int q2 = b.ptr;
        int q3 = c.ptr;
        int q4 = d.ptr;
        int l1 = a.start + 8;
        int l2 = b.start + 8;
        int l3 = c.start + 8;
        int l4 = d.start + 8;
        // Stream 4 may be up to 3 symbols shorter, so it bounds the shared loop.
        while (end4 - o4 >= 4 && q1 >= l1 && q2 >= l2 && q3 >= l3 && q4 >= l4) {
            q1 -= c1 >>> 3;
            c1 &= 7;
            b1 = Bits.getLong(src, q1);
            q2 -= c2 >>> 3;
            c2 &= 7;
            b2 = Bits.getLong(src, q2);
            q3 -= c3 >>> 3;
            c3 &= 7;
            b3 = Bits.getLong(src, q3);
            q4 -= c4 >>> 3;
            c4 &= 7;
            b4 = Bits.getLong(src, q4);
            for (int k = 0; k < 4; k++) {
                int e1 = t[(int) ((b1 << c1) >>> shift)];
                int e2 = t[(int) ((b2 << c2) >>> shift)];
                int e3 = t[(int) ((b3 << c3) >>> shift)];
                int e4 = t[(int) ((b4 << c4) >>> shift)];
                out[o1 + k] = (byte) (e1 >>> 8);
                out[o2 + k] = (byte) (e2 >>> 8);
                out[o3 + k] = (byte) (e3 >>> 8);
                out[o4 + k] = (byte) (e4 >>> 8);
                c1 += e1 & 0xFF;
                c2 += e2 & 0xFF;
                c3 += e3 & 0xFF;
                c4 += e4 & 0xFF;
            }
            o1 += 4;
            o2 += 4;
            o3 += 4;
            o4 += 4;
        }
        a.set(q1, b1, c1);
        b.set(q2, b2, c2);
        c.set(q3, b3, c3);
        d.set(q4, b4, c4);
        a.finish(codec, src, out, o1, op + seg, t, log);
        b.finish(codec, src, out, o2, op + 2 * seg, t, log);
        c.finish(codec, src, out, o3, op + 3 * seg, t, log);
        d.finish(codec, src, out, o4, end4, t, log);
    }

    private final Stream[] streams = {new Stream(), new Stream(), new Stream(), new Stream()};

    /**
     * One backward bit stream: a 64-bit container refilled from the end of the stream towards its
     * start; {@code consumed} counts bits used from the top of the container.
     */
    private static final class Stream {
        int start;
        int ptr;
        long bits;
        int consumed;

        void init(String codec, byte[] src, int start, int end) {
            int len = end - start;
            if (len <= 0 || src[end - 1] == 0) {
                throw new CorruptInputException(codec, "invalid Huffman stream end");
            }
            this.start = start;
            consumed = Integer.numberOfLeadingZeros(src[end - 1] & 0xFF) - 23;
            if (len >= 8) {
                ptr = end - 8;
                bits = Bits.getLong(src, ptr);
            } else {
                ptr = start;
                bits = 0;
                for (int i = 0; i < len; i++) {
                    bits |= (long) (src[start + i] & 0xFF) << (8 * i);
                }
                consumed += 8 * (8 - len); // the missing high bytes count as already read
            }
        }

        void set(int ptr, long bits, int consumed) {
            this.ptr = ptr;
            this.bits = bits;
            this.consumed = consumed;
        }

        /** Decodes until {@code opEnd}, four symbols per refill while eight bytes remain; checks the end. */
        void finish(String codec, byte[] src, byte[] out, int op, int opEnd, int[] table, int log) {
            int shift = 64 - log;
            int limit = start + 8;
            int p = ptr;
            long b = bits;
            int c = consumed;
            while (opEnd - op >= 4 && p >= limit) {
                p -= c >>> 3;
                c &= 7;
                b = Bits.getLong(src, p);
                int e = table[(int) ((b << c) >>> shift)];
                out[op] = (byte) (e >>> 8);
                c += e & 0xFF;
                e = table[(int) ((b << c) >>> shift)];
                out[op + 1] = (byte) (e >>> 8);
                c += e & 0xFF;
                e = table[(int) ((b << c) >>> shift)];
                out[op + 2] = (byte) (e >>> 8);
                c += e & 0xFF;
                e = table[(int) ((b << c) >>> shift)];
                out[op + 3] = (byte) (e >>> 8);
                c += e & 0xFF;
                op += 4;
            }
            while (true) {
                if (c > 64) {
                    throw new CorruptInputException(codec, "Huffman stream overread");
                }
                if (p >= limit) {
                    p -= c >>> 3;
                    c &= 7;
                    b = Bits.getLong(src, p);
                } else if (p > start) {
                    int nb = Math.min(c >>> 3, p - start);
                    p -= nb;
                    c -= nb * 8;
                    b = Bits.getLong(src, p);
                }
                if (op == opEnd) {
                    break;
                }
                int e = table[(int) ((b << c) >>> shift)];
                out[op++] = (byte) (e >>> 8);
                c += e & 0xFF;
            }
            if (p != start || c != 64) {
                throw new CorruptInputException(codec, "Huffman stream not consumed exactly");
            }
        }
    }
}
