package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.internal.Bits;
import java.util.Arrays;

/**
 * The Zstandard compressor: the "double fast" strategy of the reference encoder (its levels 2 and
 * 3) followed by full entropy coding.
 *
 * <p>Matching keeps two hash tables of positions, one keyed by 8-byte and one by 5-byte sequences,
 * checks the last offset first, prefers a long match, tries a long match one byte later before
 * settling for a short one, extends matches eight bytes at a time and backwards over pending
 * literals, and skips ahead faster the longer no match is found. Tables are sized to the input so a
 * short input clears little memory.
 *
 * <p>Each block of up to 128 KiB becomes a compressed block when that is smaller, else a raw block
 * (an RLE block when all its bytes are equal). Literals are Huffman-coded (one stream below 256
 * literals, else four) when that saves at least 1/64, else stored raw or as RLE. Literal length,
 * match length and offset codes each use the predefined, an RLE or a freshly normalized FSE table,
 * whichever the cost estimate says is smallest. Repeat offsets are coded exactly as the decoder
 * tracks them; a block written raw restores them.
 */
final class ZstdCompressor {

    static final int WINDOW_LOG = 21;
    private static final int LONG_BITS = 17;
    private static final int SHORT_BITS = 16;
    private static final int SEARCH_STRENGTH = 8;
    private static final long PRIME8 = 0xCF1BBCDCB7A56463L;
    private static final long PRIME5 = 889523592379L;
    private static final int MAX_SEQUENCES = Zstd.BLOCK_MAX / 3 + 1;
    private static final int MIN_LITERALS_TO_COMPRESS = 64;

    private static final byte[] LL_CODE = codes(Zstd.LL_BASE, 64);
    private static final byte[] ML_CODE = codes(Zstd.ML_BASE, 128 + 3);
    private static final FseEncoder.Table LL_PREDEFINED = predefined(Zstd.LL_DEFAULT, Zstd.LL_DEFAULT_LOG);
    private static final FseEncoder.Table OF_PREDEFINED = predefined(Zstd.OF_DEFAULT, Zstd.OF_DEFAULT_LOG);
    private static final FseEncoder.Table ML_PREDEFINED = predefined(Zstd.ML_DEFAULT, Zstd.ML_DEFAULT_LOG);

    private final int[] longTable = new int[1 << LONG_BITS];
    private final int[] shortTable = new int[1 << SHORT_BITS];
    private int longShift;
    private int shortShift;

    private final int[] seqLit = new int[MAX_SEQUENCES];
    private final int[] seqMatch = new int[MAX_SEQUENCES];
    private final int[] seqOffBase = new int[MAX_SEQUENCES];
    private final byte[] llCodes = new byte[MAX_SEQUENCES];
    private final byte[] mlCodes = new byte[MAX_SEQUENCES];
    private final byte[] ofCodes = new byte[MAX_SEQUENCES];
    private int nbSeq;
    private final byte[] literals = new byte[Zstd.BLOCK_MAX + 8];
    private int nbLit;

    private int rep1;
    private int rep2;
    private int rep3;
    private int offset1;
    private int offset2;

    private final HuffmanEncoder huffman = new HuffmanEncoder();
    private final FseEncoder fse = new FseEncoder();
    private final FseEncoder.Table llTable = new FseEncoder.Table(Zstd.LL_MAX_LOG);
    private final FseEncoder.Table ofTable = new FseEncoder.Table(Zstd.OF_MAX_LOG);
    private final FseEncoder.Table mlTable = new FseEncoder.Table(Zstd.ML_MAX_LOG);
    private final int[] count = new int[Zstd.MAX_ML + 1];
    private final short[] norm = new short[Zstd.MAX_ML + 1];
    private final BitWriter writer = new BitWriter();
    private final byte[] body = new byte[2 * Zstd.BLOCK_MAX + 1024];

    private static byte[] codes(int[] base, int n) {
        byte[] codes = new byte[n];
        int c = 0;
        for (int v = 0; v < n; v++) {
            int value = base == Zstd.ML_BASE ? v + Zstd.MIN_MATCH : v;
            while (c + 1 < base.length && base[c + 1] <= value) {
                c++;
            }
            codes[v] = (byte) c;
        }
        return codes;
    }

    private static FseEncoder.Table predefined(short[] norm, int log) {
        FseEncoder.Table t = new FseEncoder.Table(log);
        new FseEncoder().build(t, norm, norm.length - 1, log);
        return t;
    }

    /** The worst-case frame size for {@code n} input bytes. */
    static long maxCompressedLength(long n) {
        return 14 + n + 3 * (n / Zstd.BLOCK_MAX + 1) + 4;
    }

    // ---------------------------------------------------------------------------------------------
    // Frames

    /**
     * Compresses {@code src[off, off + len)} into one frame with its content size and checksum
     * (and the dictionary's id, if any); returns the frame size, or -1 if it does not fit in
     * {@code dst[dOff, dOff + dLen)}.
     */
    int compress(byte[] src, int off, int len, byte[] dst, int dOff, int dLen, ZstdDictionary dict) {
        int end = dOff + dLen;
        boolean single = len <= 1 << WINDOW_LOG;
        if (dLen < 14 + 3 + 4) {
            return -1;
        }
        int op = dOff;
        Bits.putInt(dst, op, Zstd.MAGIC);
        op += 4;
        int fcsFlag;
        int fcsBytes;
        if (single && len < 256) {
            fcsFlag = 0;
            fcsBytes = 1;
        } else if (len < 65536 + 256) {
            fcsFlag = 1;
            fcsBytes = 2;
        } else {
            fcsFlag = 2;
            fcsBytes = 4;
        }
        long dictId = dict == null ? 0 : dict.id;
        int dictFlag = dictId == 0 ? 0 : dictId < 256 ? 1 : dictId < 65536 ? 2 : 3;
        dst[op++] = (byte) (fcsFlag << 6 | (single ? 0x20 : 0) | 0x04 | dictFlag);
        if (!single) {
            dst[op++] = (byte) ((WINDOW_LOG - Zstd.MIN_WINDOW_LOG) << 3);
        }
        int dictBytes = new int[] {0, 1, 2, 4}[dictFlag];
        for (int i = 0; i < dictBytes; i++) {
            dst[op++] = (byte) (dictId >>> (8 * i));
        }
        switch (fcsBytes) {
            case 1 -> dst[op] = (byte) len;
            case 2 -> Bits.putShort(dst, op, len - 256);
            default -> Bits.putInt(dst, op, len);
        }
        op += fcsBytes;
        byte[] buf = src;
        int base = off;
        int start = off;
        int window = single ? Math.max(len, 1) : 1 << WINDOW_LOG;
        if (dict != null) {
            // The dictionary's content goes in front of the input so matches can reach into it.
            int dl = dict.content.length;
            if (dl + len > MAX_RETAINED) {
                buf = new byte[dl + len]; // too big to keep in a pooled compressor
            } else {
                if (joined.length < dl + len) {
                    joined = new byte[dl + len];
                }
                buf = joined;
            }
            System.arraycopy(dict.content, 0, buf, 0, dl);
            System.arraycopy(src, off, buf, dl, len);
            base = 0;
            start = dl;
            if (single) {
                window = dl + Math.max(len, 1);
            }
        }
        startFrame(len + (long) (start - base), dict);
        insertHistory(buf, base, start);
        int srcEnd = start + len;
        int p = start;
        do {
            int n = Math.min(Zstd.BLOCK_MAX, srcEnd - p);
            op = writeBlock(buf, base, p, n, p + n == srcEnd, window, dst, op, end);
            if (op < 0) {
                return -1;
            }
            p += n;
        } while (p < srcEnd);
        if (end - op < 4) {
            return -1;
        }
        Bits.putInt(dst, op, (int) XxHash64Holder.hash(src, off, len));
        return op + 4 - dOff;
    }

    /** Input and dictionary content joined, reused across calls with a dictionary. */
    private byte[] joined = new byte[0];
    private static final int MAX_RETAINED = 8 << 20;

    /** Indexes {@code buf[base, end)} (dictionary content) so the first block can match into it. */
    void insertHistory(byte[] buf, int base, int end) {
        for (int i = Math.max(base, 1); i + 8 <= end; i++) {
            longTable[hashLong(buf, i)] = i - base;
            shortTable[hashShort(buf, i)] = i - base;
        }
    }

    /** Holder so the checksum class loads only when used. */
    private static final class XxHash64Holder {
        static long hash(byte[] b, int off, int len) {
            return dev.oxistore.compress.internal.XxHash64.hash(b, off, len, 0);
        }
    }

    /**
     * Resets the frame state: the repeat offsets (1, 4, 8, or the dictionary's) and hash tables
     * sized for {@code size} bytes.
     */
    void startFrame(long size, ZstdDictionary dict) {
        rep1 = dict == null ? 1 : dict.rep1;
        rep2 = dict == null ? 4 : dict.rep2;
        rep3 = dict == null ? 8 : dict.rep3;
        int log = size <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(size - 1);
        int longBits = Math.clamp(log + 1, 8, LONG_BITS);
        int shortBits = Math.clamp(log + 1, 8, SHORT_BITS);
        longShift = 64 - longBits;
        shortShift = 64 - shortBits;
        resetTables();
    }

    /** Forgets all earlier input (a stream whose history buffer restarts). */
    void resetTables() {
        Arrays.fill(longTable, 0, 1 << (64 - longShift), 0);
        Arrays.fill(shortTable, 0, 1 << (64 - shortShift), 0);
        offset1 = 0;
        offset2 = 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Blocks

    /**
     * Writes {@code src[start, start + len)} as one block; matches may reach back to {@code base}
     * but no further than {@code window}. Returns the new output position, or -1 if out of room.
     */
    int writeBlock(byte[] src, int base, int start, int len, boolean last, int window, byte[] dst, int op, int end) {
        int lastFlag = last ? 1 : 0;
        if (len > 1 && allSame(src, start, len)) {
            if (end - op < 4) {
                return -1;
            }
            Bits.put24(dst, op, lastFlag | Zstd.RLE_BLOCK << 1 | len << 3);
            dst[op + 3] = src[start];
            return op + 4;
        }
        int saved1 = rep1;
        int saved2 = rep2;
        int saved3 = rep3;
        int size = -1;
        if (len >= 16) {
            findSequences(src, base, start, start + len, Math.max(base, start + len - window));
            size = encodeBody();
        }
        if (size > 0 && size < len) {
            if (end - op < 3 + size) {
                return -1;
            }
            Bits.put24(dst, op, lastFlag | Zstd.COMPRESSED_BLOCK << 1 | size << 3);
            System.arraycopy(body, 0, dst, op + 3, size);
            return op + 3 + size;
        }
        rep1 = saved1;
        rep2 = saved2;
        rep3 = saved3;
        if (end - op < 3 + len) {
            return -1;
        }
        Bits.put24(dst, op, lastFlag | Zstd.RAW_BLOCK << 1 | len << 3);
        System.arraycopy(src, start, dst, op + 3, len);
        return op + 3 + len;
    }

    private static boolean allSame(byte[] src, int start, int len) {
        long pattern = (src[start] & 0xFFL) * 0x0101010101010101L;
        int i = start;
        int end = start + len;
        for (; i <= end - 8; i += 8) {
            if (Bits.getLong(src, i) != pattern) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (src[i] != src[start]) {
                return false;
            }
        }
        return true;
    }

    private int hashLong(byte[] src, int p) {
        return (int) ((Bits.getLong(src, p) * PRIME8) >>> longShift);
    }

    private int hashShort(byte[] src, int p) {
        return (int) (((Bits.getLong(src, p) << 24) * PRIME5) >>> shortShift);
    }

    /** The double-fast matcher over one block; fills the sequence store and the literals. */
    private void findSequences(byte[] src, int base, int blockStart, int blockEnd, int low) {
        nbSeq = 0;
        nbLit = 0;
        int anchor = blockStart;
        int ip = blockStart == base ? blockStart + 1 : blockStart;
        int iLimit = blockEnd - 8;
        int[] lt = longTable;
        int[] st = shortTable;
        while (ip < iLimit) {
            int hl = hashLong(src, ip);
            int hs = hashShort(src, ip);
            int cur = ip - base;
            int matchLong = base + lt[hl];
            int matchShort = base + st[hs];
            lt[hl] = cur;
            st[hs] = cur;
            int ml;
            int offset;
            if (offset1 > 0 && ip + 1 - offset1 > low
                    && Bits.getInt(src, ip + 1 - offset1) == Bits.getInt(src, ip + 1)) {
                ml = 4 + Bits.matchLength(src, ip + 5, ip + 5 - offset1, blockEnd);
                ip++;
                store(src, anchor, ip - anchor, offset1, ml);
            } else {
                if (matchLong > low && Bits.getLong(src, matchLong) == Bits.getLong(src, ip)) {
                    ml = 8 + Bits.matchLength(src, ip + 8, matchLong + 8, blockEnd);
                    offset = ip - matchLong;
                    while (ip > anchor && matchLong > low && src[ip - 1] == src[matchLong - 1]) {
                        ip--;
                        matchLong--;
                        ml++;
                    }
                } else if (matchShort > low && Bits.getInt(src, matchShort) == Bits.getInt(src, ip)) {
                    int hl3 = hashLong(src, ip + 1);
                    int match3 = base + lt[hl3];
                    lt[hl3] = cur + 1;
                    if (match3 > low && Bits.getLong(src, match3) == Bits.getLong(src, ip + 1)) {
                        ml = 8 + Bits.matchLength(src, ip + 9, match3 + 8, blockEnd);
                        ip++;
                        offset = ip - match3;
                        while (ip > anchor && match3 > low && src[ip - 1] == src[match3 - 1]) {
                            ip--;
                            match3--;
                            ml++;
                        }
                    } else {
                        ml = 4 + Bits.matchLength(src, ip + 4, matchShort + 4, blockEnd);
                        offset = ip - matchShort;
                        while (ip > anchor && matchShort > low && src[ip - 1] == src[matchShort - 1]) {
                            ip--;
                            matchShort--;
                            ml++;
                        }
                    }
                } else {
                    ip += ((ip - anchor) >> SEARCH_STRENGTH) + 1;
                    continue;
                }
                offset2 = offset1;
                offset1 = offset;
                store(src, anchor, ip - anchor, offset, ml);
            }
            ip += ml;
            anchor = ip;
            if (ip <= iLimit) {
                int insert = base + cur + 2;
                lt[hashLong(src, insert)] = cur + 2;
                lt[hashLong(src, ip - 2)] = ip - 2 - base;
                st[hashShort(src, insert)] = cur + 2;
                st[hashShort(src, ip - 1)] = ip - 1 - base;
                while (ip <= iLimit && offset2 > 0 && ip - offset2 > low
                        && Bits.getInt(src, ip) == Bits.getInt(src, ip - offset2)) {
                    int rl = 4 + Bits.matchLength(src, ip + 4, ip + 4 - offset2, blockEnd);
                    int t = offset2;
                    offset2 = offset1;
                    offset1 = t;
                    st[hashShort(src, ip)] = ip - base;
                    lt[hashLong(src, ip)] = ip - base;
                    store(src, anchor, 0, t, rl);
                    ip += rl;
                    anchor = ip;
                }
            }
        }
        int tail = blockEnd - anchor;
        System.arraycopy(src, anchor, literals, nbLit, tail);
        nbLit += tail;
    }

    /** Records a sequence, coding its offset against the repeat offsets exactly as the decoder will. */
    private void store(byte[] src, int from, int ll, int offset, int ml) {
        System.arraycopy(src, from, literals, nbLit, ll);
        nbLit += ll;
        // With literals, codes 1-3 name rep1-rep3; without, they name rep2, rep3 and rep1 - 1.
        int offBase = ll > 0 ? offBase(offset, rep1, rep2, rep3) : offBase(offset, rep2, rep3, rep1 - 1);
        // The history update: rep1 keeps it, rep2 swaps the first two, anything else shifts it.
        int used = ll > 0 ? offBase - 1 : offBase; // 0: rep1, 1: rep2, 2+: rep3, rep1 - 1 or a new offset
        if (used == 1) {
            rep2 = rep1;
            rep1 = offset;
        } else if (used > 1) {
            rep3 = rep2;
            rep2 = rep1;
            rep1 = offset;
        }
        seqLit[nbSeq] = ll;
        seqMatch[nbSeq] = ml;
        seqOffBase[nbSeq] = offBase;
        nbSeq++;
    }

    /** The offset code of {@code offset}: 1, 2 or 3 for the first candidate it equals, else offset + 3. */
    private static int offBase(int offset, int first, int second, int third) {
        return offset == first ? 1 : offset == second ? 2 : offset == third ? 3 : offset + 3;
    }

    // ---------------------------------------------------------------------------------------------
    // Entropy coding of a block body

    /** Encodes the stored literals and sequences into {@link #body}; returns the size or -1. */
    private int encodeBody() {
        int end = body.length;
        int op = encodeLiterals(body, 0, end);
        if (op < 0) {
            return -1;
        }
        int n = nbSeq;
        if (n < 128) {
            body[op++] = (byte) n;
        } else if (n < Zstd.LONG_NB_SEQ) {
            body[op++] = (byte) ((n >>> 8) + 0x80);
            body[op++] = (byte) n;
        } else {
            body[op++] = (byte) 0xFF;
            Bits.putShort(body, op, n - Zstd.LONG_NB_SEQ);
            op += 2;
        }
        if (n == 0) {
            return op;
        }
        for (int i = 0; i < n; i++) {
            int ll = seqLit[i];
            llCodes[i] = ll < 64 ? LL_CODE[ll] : (byte) (Zstd.highBit(ll) + 19);
            int mlBase = seqMatch[i] - Zstd.MIN_MATCH;
            mlCodes[i] = mlBase < 128 ? ML_CODE[mlBase] : (byte) (Zstd.highBit(mlBase) + 36);
            ofCodes[i] = (byte) Zstd.highBit(seqOffBase[i]);
        }
        int modesAt = op++;
        int llMode = chooseTable(llCodes, n, Zstd.MAX_LL, Zstd.LL_MAX_LOG, Zstd.LL_DEFAULT, Zstd.LL_DEFAULT_LOG, llTable, op);
        op = tableEnd;
        int ofMode = chooseTable(ofCodes, n, Zstd.MAX_OF, Zstd.OF_MAX_LOG, Zstd.OF_DEFAULT, Zstd.OF_DEFAULT_LOG, ofTable, op);
        op = tableEnd;
        int mlMode = chooseTable(mlCodes, n, Zstd.MAX_ML, Zstd.ML_MAX_LOG, Zstd.ML_DEFAULT, Zstd.ML_DEFAULT_LOG, mlTable, op);
        op = tableEnd;
        if (op < 0) {
            return -1;
        }
        body[modesAt] = (byte) (llMode << 6 | ofMode << 4 | mlMode << 2);
        FseEncoder.Table ll = llMode == Zstd.MODE_PREDEFINED ? LL_PREDEFINED : llTable;
        FseEncoder.Table of = ofMode == Zstd.MODE_PREDEFINED ? OF_PREDEFINED : ofTable;
        FseEncoder.Table ml = mlMode == Zstd.MODE_PREDEFINED ? ML_PREDEFINED : mlTable;
        int size = encodeSequences(ll, of, ml, op, end);
        return size < 0 ? -1 : op + size;
    }

    /** Set by {@link #chooseTable}: where the table description ended (-1 if out of room). */
    private int tableEnd;

    /** Picks and prepares the table for one code stream; returns its mode, sets {@link #tableEnd}. */
    private int chooseTable(byte[] codes, int n, int maxSymbol, int maxLog, short[] defaults, int defaultLog,
                            FseEncoder.Table table, int op) {
        tableEnd = op;
        if (op < 0) {
            return 0;
        }
        Arrays.fill(count, 0, maxSymbol + 1, 0);
        int max = 0;
        for (int i = 0; i < n; i++) {
            int c = codes[i];
            count[c]++;
            max = Math.max(max, c);
        }
        int distinct = 0;
        int mostFrequent = 0;
        for (int s = 0; s <= max; s++) {
            if (count[s] != 0) {
                distinct++;
                mostFrequent = Math.max(mostFrequent, count[s]);
            }
        }
        double predefinedCost = FseEncoder.cost(count, max, defaults, defaults.length - 1, defaultLog);
        if (distinct == 1) {
            if (n <= 2 && predefinedCost < Double.POSITIVE_INFINITY) {
                return Zstd.MODE_PREDEFINED;
            }
            body[op] = (byte) max;
            FseEncoder.rle(table, max);
            tableEnd = op + 1;
            return Zstd.MODE_RLE;
        }
        int log = FseEncoder.optimalLog(maxLog, n, max);
        FseEncoder.normalize(norm, log, count, n, max);
        int header = FseEncoder.writeCounts(body, op, body.length, norm, max, log);
        if (header < 0) {
            tableEnd = -1;
            return 0;
        }
        double compressedCost = FseEncoder.cost(count, max, norm, max, log) + header * 8.0;
        if (predefinedCost <= compressedCost) {
            return Zstd.MODE_PREDEFINED;
        }
        fse.build(table, norm, max, log);
        tableEnd = op + header;
        return Zstd.MODE_COMPRESSED;
    }

    /** Writes the sequences bit stream, last sequence first; returns its size or -1. */
    private int encodeSequences(FseEncoder.Table llT, FseEncoder.Table ofT, FseEncoder.Table mlT, int op, int end) {
        BitWriter w = writer;
        w.init(body, op, end);
        int last = nbSeq - 1;
        int llState = llT.initState(llCodes[last]);
        int ofState = ofT.initState(ofCodes[last]);
        int mlState = mlT.initState(mlCodes[last]);
        w.add(seqLit[last], Zstd.LL_BITS[llCodes[last]]);
        w.add(seqMatch[last] - Zstd.MIN_MATCH, Zstd.ML_BITS[mlCodes[last]]);
        w.add(seqOffBase[last], ofCodes[last]);
        int[] llStates = llT.states;
        int[] ofStates = ofT.states;
        int[] mlStates = mlT.states;
        for (int i = last - 1; i >= 0; i--) {
            int oc = ofCodes[i];
            int mc = mlCodes[i];
            int lc = llCodes[i];
            int nb = (ofState + ofT.deltaNbBits[oc]) >>> 16;
            w.add(ofState, nb);
            ofState = ofStates[(ofState >>> nb) + ofT.deltaFindState[oc]];
            nb = (mlState + mlT.deltaNbBits[mc]) >>> 16;
            w.add(mlState, nb);
            mlState = mlStates[(mlState >>> nb) + mlT.deltaFindState[mc]];
            nb = (llState + llT.deltaNbBits[lc]) >>> 16;
            w.add(llState, nb);
            llState = llStates[(llState >>> nb) + llT.deltaFindState[lc]];
            w.add(seqLit[i], Zstd.LL_BITS[lc]);
            w.add(seqMatch[i] - Zstd.MIN_MATCH, Zstd.ML_BITS[mc]);
            w.add(seqOffBase[i], oc);
        }
        w.add(mlState, mlT.log);
        w.add(ofState, ofT.log);
        w.add(llState, llT.log);
        return w.close();
    }

    /** Writes the literals section; returns the new position or -1. */
    private int encodeLiterals(byte[] dst, int op, int end) {
        int n = nbLit;
        if (n >= MIN_LITERALS_TO_COMPRESS) {
            int distinct = huffman.histogram(literals, 0, n);
            if (distinct == 1) {
                op = literalsHeader(dst, op, Zstd.LITERALS_RLE, n);
                dst[op] = literals[0];
                return op + 1;
            }
            huffman.build();
            if (huffman.estimate() < n - (n >>> 6) - 2) {
                int header = n < 1024 ? 3 : n < 16384 ? 4 : 5;
                boolean single = n < 256;
                int p = op + header;
                int table = huffman.writeTable(dst, p, end);
                if (table > 0) {
                    p += table;
                    int streams = single ? huffman.encode1(literals, 0, n, dst, p, end)
                            : huffman.encode4(literals, 0, n, dst, p, end);
                    int compressed = table + streams;
                    if (streams > 0 && compressed < n - (n >>> 6) - 2) {
                        long v = Zstd.LITERALS_COMPRESSED;
                        switch (header) {
                            case 3 -> v |= (single ? 0 : 1L) << 2 | (long) n << 4 | (long) compressed << 14;
                            case 4 -> v |= 2L << 2 | (long) n << 4 | (long) compressed << 18;
                            default -> v |= 3L << 2 | (long) n << 4 | (long) compressed << 22;
                        }
                        for (int i = 0; i < header; i++) {
                            dst[op + i] = (byte) (v >>> (8 * i));
                        }
                        return op + header + compressed;
                    }
                }
            }
        }
        if (end - op < n + 3) {
            return -1;
        }
        op = literalsHeader(dst, op, Zstd.LITERALS_RAW, n);
        System.arraycopy(literals, 0, dst, op, n);
        return op + n;
    }

    private static int literalsHeader(byte[] dst, int op, int type, int n) {
        if (n < 32) {
            dst[op] = (byte) (type | n << 3);
            return op + 1;
        }
        if (n < 4096) {
            Bits.putShort(dst, op, type | 1 << 2 | n << 4);
            return op + 2;
        }
        Bits.put24(dst, op, type | 3 << 2 | n << 4);
        return op + 3;
    }
}
