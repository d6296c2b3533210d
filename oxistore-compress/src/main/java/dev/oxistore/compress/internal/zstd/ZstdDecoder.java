package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.OutputTooSmallException;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.XxHash64;

/**
 * The Zstandard decoder (RFC 8878): frames, blocks, literals and sequences. One instance holds the
 * working memory of one decode (decoding tables, the literals buffer, repeat offsets and the
 * entropy tables that later blocks of a frame may repeat); instances are pooled, not shared.
 *
 * <p>Blocks decode straight into the destination, which is also the history that matches copy
 * from: the caller's array for one-shot calls, a sliding window for streams. Every length and
 * offset is checked before a byte is copied; the output of a block never passes the smallest of the
 * block maximum, the frame's declared size and the destination.
 */
final class ZstdDecoder {

    private static final long[] LL_PREDEFINED = Fse.predefined(Zstd.LL_DEFAULT, Zstd.LL_DEFAULT_LOG, Zstd.LL_BASE, Zstd.LL_BITS);
    private static final long[] OF_PREDEFINED = Fse.predefined(Zstd.OF_DEFAULT, Zstd.OF_DEFAULT_LOG, Zstd.OF_BASE, Zstd.OF_BITS);
    private static final long[] ML_PREDEFINED = Fse.predefined(Zstd.ML_DEFAULT, Zstd.ML_DEFAULT_LOG, Zstd.ML_BASE, Zstd.ML_BITS);

    private final String codec;
    private final ZstdDictionary dictionary;
    /** Dictionary content that matches may reach before the frame's output, or null. */
    private byte[] prefix;
    private final Huffman huffman = new Huffman();
    private final Fse.Counts counts = new Fse.Counts();
    private final byte[] literals = new byte[Zstd.BLOCK_MAX + 32];

    private final long[] llBuffer = new long[1 << Zstd.LL_MAX_LOG];
    private final long[] ofBuffer = new long[1 << Zstd.OF_MAX_LOG];
    private final long[] mlBuffer = new long[1 << Zstd.ML_MAX_LOG];
    private final long[] llRle = new long[1];
    private final long[] ofRle = new long[1];
    private final long[] mlRle = new long[1];
    private long[] llTable;
    private long[] ofTable;
    private long[] mlTable;
    private int llLog;
    private int ofLog;
    private int mlLog;

    private int rep1;
    private int rep2;
    private int rep3;
    private int blockMax;

    private byte[] litArray;
    private int litPtr;
    private int litEnd;

    /** Whether output past the current limit means "destination too small" rather than corrupt. */
    private boolean overflowIsTooSmall;
    private int capacity;

    ZstdDecoder(String codec, ZstdDictionary dictionary) {
        this.codec = codec;
        this.dictionary = dictionary;
    }

    /**
     * Where a frame's dictionary content lives: outside the destination (one-shot decoding, where
     * matches reaching before the frame copy from it) or already in front of it (streams).
     */
    void dictionaryOutside(boolean outside) {
        prefix = outside && dictionary != null ? dictionary.content : null;
    }

    private CorruptInputException corrupt(String message) {
        return new CorruptInputException(codec, message);
    }

    /** Resets the state a frame starts from: repeat offsets 1, 4, 8 and no entropy tables. */
    void startFrame(FrameHeader h) {
        ZstdDictionary d = dictionary;
        if (h.dictionaryId() != 0 && (d == null || d.id != h.dictionaryId())) {
            throw new UnsupportedFeatureException(codec, "the Zstandard frame needs dictionary " + h.dictionaryId()
                    + (d == null ? "; decode it with Codecs.zstd(dictionary)"
                            : " but this codec holds dictionary " + d.id));
        }
        rep1 = d == null ? 1 : d.rep1;
        rep2 = d == null ? 4 : d.rep2;
        rep3 = d == null ? 8 : d.rep3;
        huffman.present = false;
        llTable = null;
        ofTable = null;
        mlTable = null;
        if (d != null && d.hasTables()) {
            huffman.use(d.huffmanTable, d.huffmanLog);
            llTable = d.literalTable;
            llLog = d.literalLog;
            ofTable = d.offsetTable;
            ofLog = d.offsetLog;
            mlTable = d.matchTable;
            mlLog = d.matchLog;
        }
        blockMax = h.blockMax();
    }

    // ---------------------------------------------------------------------------------------------
    // One-shot decoding of concatenated frames

    /** Decodes every frame of {@code src[off, off + len)} into {@code dst[dOff, dOff + dLen)}. */
    int decompress(byte[] src, int off, int len, byte[] dst, int dOff, int dLen) {
        if (len == 0) {
            throw corrupt("empty input: a Zstandard frame holds at least a header");
        }
        int ip = off;
        int end = off + len;
        int op = dOff;
        int oEnd = dOff + dLen;
        dictionaryOutside(true);
        while (ip < end) {
            if (end - ip < 4) {
                throw corrupt("truncated input: " + (end - ip) + " bytes after the last frame");
            }
            int magic = Bits.getInt(src, ip);
            if ((magic & Zstd.SKIPPABLE_MASK) == Zstd.SKIPPABLE_MAGIC) {
                if (end - ip < 8) {
                    throw corrupt("truncated skippable frame header");
                }
                long size = Bits.getInt(src, ip + 4) & 0xFFFFFFFFL;
                if (size > end - ip - 8) {
                    throw corrupt("truncated skippable frame");
                }
                ip += 8 + (int) size;
                continue;
            }
            if (magic != Zstd.MAGIC) {
                throw unknownMagic(codec, magic);
            }
            FrameHeader h = FrameHeader.parse(codec, src, ip + 4, end);
            ip += 4 + h.size();
            startFrame(h);
            long declared = h.contentSize();
            if (declared > oEnd - op) {
                throw new OutputTooSmallException(codec, "the frame declares " + declared
                        + " bytes but the destination has room for " + (oEnd - op));
            }
            int frameStart = op;
            int frameEnd = declared >= 0 ? op + (int) declared : oEnd;
            capacity = dLen;
            while (true) {
                if (end - ip < 3) {
                    throw corrupt("truncated Zstandard block header");
                }
                int bh = Bits.get24(src, ip);
                ip += 3;
                int type = (bh >>> 1) & 3;
                int size = bh >>> 3;
                if (type != Zstd.RLE_BLOCK && size > end - ip) {
                    throw corrupt("truncated Zstandard block of " + size + " bytes");
                }
                if (size > blockMax) {
                    throw corrupt("Zstandard block of " + size + " bytes exceeds the frame's maximum of " + blockMax);
                }
                int limit = (int) Math.min(frameEnd, (long) op + blockMax);
                overflowIsTooSmall = declared < 0 && limit == oEnd && (long) op + blockMax > oEnd;
                switch (type) {
                    case Zstd.RAW_BLOCK -> {
                        if (size > limit - op) {
                            throw overflow();
                        }
                        System.arraycopy(src, ip, dst, op, size);
                        ip += size;
                        op += size;
                    }
                    case Zstd.RLE_BLOCK -> {
                        if (ip >= end) {
                            throw corrupt("truncated Zstandard RLE block");
                        }
                        if (size > limit - op) {
                            throw overflow();
                        }
                        java.util.Arrays.fill(dst, op, op + size, src[ip]);
                        ip++;
                        op += size;
                    }
                    case Zstd.COMPRESSED_BLOCK -> {
                        op = decodeBlock(src, ip, ip + size, dst, frameStart, op, limit, oEnd);
                        ip += size;
                    }
                    default -> throw corrupt("reserved Zstandard block type");
                }
                if ((bh & 1) != 0) {
                    break;
                }
            }
            if (h.checksum()) {
                if (end - ip < 4) {
                    throw corrupt("truncated Zstandard content checksum");
                }
                if ((int) XxHash64.hash(dst, frameStart, op - frameStart, 0) != Bits.getInt(src, ip)) {
                    throw corrupt("Zstandard content checksum mismatch");
                }
                ip += 4;
            }
            if (declared >= 0 && op - frameStart != declared) {
                throw corrupt("Zstandard frame declares " + declared + " bytes but holds " + (op - frameStart));
            }
        }
        return op - dOff;
    }

    static RuntimeException unknownMagic(String codec, int magic) {
        if (magic >= 0xFD2FB522 && magic <= 0xFD2FB527 || magic == 0x1EB52FFD) {
            return new UnsupportedFeatureException(codec, String.format(
                    "legacy Zstandard v0.x frame (magic 0x%08X) is not supported; recompress with zstd 1.x", magic));
        }
        return new CorruptInputException(codec, String.format("not a Zstandard frame: magic 0x%08X", magic));
    }

    /** Sets how overflow past a block's limit is reported, for callers of {@link #decodeBlock}. */
    void limits(boolean tooSmall, int capacity) {
        this.overflowIsTooSmall = tooSmall;
        this.capacity = capacity;
    }

    int blockMax() {
        return blockMax;
    }

    private RuntimeException overflow() {
        if (overflowIsTooSmall) {
            return new OutputTooSmallException(codec, "the output does not fit in the destination of "
                    + capacity + " bytes; pass a larger destination");
        }
        return corrupt("Zstandard block decodes past its maximum size or the frame's declared size");
    }

    // ---------------------------------------------------------------------------------------------
    // Compressed blocks

    /**
     * Decodes the compressed block {@code src[ip, end)} to {@code dst} at {@code op}; matches may
     * reach back to {@code floor}; output stops at {@code limit}; copies may write scratch bytes up to
     * {@code hardEnd}. Returns the new output position.
     */
    int decodeBlock(byte[] src, int ip, int end, byte[] dst, int floor, int op, int limit, int hardEnd) {
        ip = decodeLiterals(src, ip, end);
        if (ip >= end) {
            throw corrupt("missing Zstandard sequences section");
        }
        int nbSeq = src[ip++] & 0xFF;
        if (nbSeq >= 128) {
            if (nbSeq == 255) {
                if (end - ip < 2) {
                    throw corrupt("truncated Zstandard sequences header");
                }
                nbSeq = Bits.getShort(src, ip) + Zstd.LONG_NB_SEQ;
                ip += 2;
            } else {
                if (ip >= end) {
                    throw corrupt("truncated Zstandard sequences header");
                }
                nbSeq = ((nbSeq - 128) << 8) + (src[ip++] & 0xFF);
            }
        }
        if (nbSeq > 0) {
            if (ip >= end) {
                throw corrupt("truncated Zstandard sequences header");
            }
            int modes = src[ip++] & 0xFF;
            if ((modes & 3) != 0) {
                throw corrupt("reserved bits set in Zstandard symbol compression modes");
            }
            ip = readLiteralLengthTable(modes >>> 6, src, ip, end);
            ip = readOffsetTable((modes >>> 4) & 3, src, ip, end);
            ip = readMatchLengthTable((modes >>> 2) & 3, src, ip, end);
            op = decodeSequences(src, ip, end, nbSeq, dst, floor, op, limit, hardEnd);
        } else if (ip != end) {
            throw corrupt("extra bytes in a Zstandard block without sequences");
        }
        int n = litEnd - litPtr;
        if (n > limit - op) {
            throw overflow();
        }
        System.arraycopy(litArray, litPtr, dst, op, n);
        return op + n;
    }

    private int decodeLiterals(byte[] src, int ip, int end) {
        if (ip >= end) {
            throw corrupt("truncated Zstandard literals header");
        }
        int b0 = src[ip] & 0xFF;
        int type = b0 & 3;
        int format = (b0 >>> 2) & 3;
        if (type == Zstd.LITERALS_RAW || type == Zstd.LITERALS_RLE) {
            int size;
            int header;
            switch (format) {
                case 1 -> {
                    if (end - ip < 2) {
                        throw corrupt("truncated Zstandard literals header");
                    }
                    size = (b0 >>> 4) + ((src[ip + 1] & 0xFF) << 4);
                    header = 2;
                }
                case 3 -> {
                    if (end - ip < 3) {
                        throw corrupt("truncated Zstandard literals header");
                    }
                    size = (b0 >>> 4) + ((src[ip + 1] & 0xFF) << 4) + ((src[ip + 2] & 0xFF) << 12);
                    header = 3;
                }
                default -> {
                    size = b0 >>> 3;
                    header = 1;
                }
            }
            if (size > blockMax) {
                throw corrupt("Zstandard literals of " + size + " bytes exceed the block maximum " + blockMax);
            }
            ip += header;
            if (type == Zstd.LITERALS_RAW) {
                if (size > end - ip) {
                    throw corrupt("truncated Zstandard raw literals");
                }
                litArray = src;
                litPtr = ip;
                litEnd = ip + size;
                return ip + size;
            }
            if (ip >= end) {
                throw corrupt("truncated Zstandard RLE literals");
            }
            java.util.Arrays.fill(literals, 0, size, src[ip]);
            litArray = literals;
            litPtr = 0;
            litEnd = size;
            return ip + 1;
        }
        int header = format <= 1 ? 3 : format + 2;
        if (end - ip < header) {
            throw corrupt("truncated Zstandard literals header");
        }
        long v = 0;
        for (int i = 0; i < header; i++) {
            v |= (long) (src[ip + i] & 0xFF) << (8 * i);
        }
        int bits = format <= 1 ? 10 : format == 2 ? 14 : 18;
        int mask = (1 << bits) - 1;
        int regenerated = (int) (v >>> 4) & mask;
        int compressed = (int) (v >>> (4 + bits)) & mask;
        if (regenerated > blockMax) {
            throw corrupt("Zstandard literals of " + regenerated + " bytes exceed the block maximum " + blockMax);
        }
        ip += header;
        if (compressed > end - ip) {
            throw corrupt("truncated Zstandard compressed literals");
        }
        int cEnd = ip + compressed;
        if (type == Zstd.LITERALS_COMPRESSED) {
            ip = huffman.readTable(codec, src, ip, cEnd);
        } else if (!huffman.present) {
            throw corrupt("Zstandard treeless literals without an earlier Huffman table in the frame");
        }
        if (format == 0) {
            huffman.decode1(codec, src, ip, cEnd, literals, 0, regenerated);
        } else {
            huffman.decode4(codec, src, ip, cEnd, literals, 0, regenerated);
        }
        litArray = literals;
        litPtr = 0;
        litEnd = regenerated;
        return cEnd;
    }

    private int readLiteralLengthTable(int mode, byte[] src, int ip, int end) {
        switch (mode) {
            case Zstd.MODE_PREDEFINED -> {
                llTable = LL_PREDEFINED;
                llLog = Zstd.LL_DEFAULT_LOG;
            }
            case Zstd.MODE_RLE -> {
                Fse.rle(llRle, rleSymbol(src, ip, end, Zstd.MAX_LL), Zstd.LL_BASE, Zstd.LL_BITS);
                llTable = llRle;
                llLog = 0;
                ip++;
            }
            case Zstd.MODE_COMPRESSED -> {
                ip = Fse.readCounts(codec, src, ip, end, counts, Zstd.MAX_LL, Zstd.LL_MAX_LOG);
                Fse.build(codec, llBuffer, counts, Zstd.LL_BASE, Zstd.LL_BITS);
                llTable = llBuffer;
                llLog = counts.log;
            }
            default -> repeatCheck(llTable);
        }
        return ip;
    }

    private int readOffsetTable(int mode, byte[] src, int ip, int end) {
        switch (mode) {
            case Zstd.MODE_PREDEFINED -> {
                ofTable = OF_PREDEFINED;
                ofLog = Zstd.OF_DEFAULT_LOG;
            }
            case Zstd.MODE_RLE -> {
                Fse.rle(ofRle, rleSymbol(src, ip, end, Zstd.MAX_OF), Zstd.OF_BASE, Zstd.OF_BITS);
                ofTable = ofRle;
                ofLog = 0;
                ip++;
            }
            case Zstd.MODE_COMPRESSED -> {
                ip = Fse.readCounts(codec, src, ip, end, counts, Zstd.MAX_OF, Zstd.OF_MAX_LOG);
                Fse.build(codec, ofBuffer, counts, Zstd.OF_BASE, Zstd.OF_BITS);
                ofTable = ofBuffer;
                ofLog = counts.log;
            }
            default -> repeatCheck(ofTable);
        }
        return ip;
    }

    private int readMatchLengthTable(int mode, byte[] src, int ip, int end) {
        switch (mode) {
            case Zstd.MODE_PREDEFINED -> {
                mlTable = ML_PREDEFINED;
                mlLog = Zstd.ML_DEFAULT_LOG;
            }
            case Zstd.MODE_RLE -> {
                Fse.rle(mlRle, rleSymbol(src, ip, end, Zstd.MAX_ML), Zstd.ML_BASE, Zstd.ML_BITS);
                mlTable = mlRle;
                mlLog = 0;
                ip++;
            }
            case Zstd.MODE_COMPRESSED -> {
                ip = Fse.readCounts(codec, src, ip, end, counts, Zstd.MAX_ML, Zstd.ML_MAX_LOG);
                Fse.build(codec, mlBuffer, counts, Zstd.ML_BASE, Zstd.ML_BITS);
                mlTable = mlBuffer;
                mlLog = counts.log;
            }
            default -> repeatCheck(mlTable);
        }
        return ip;
    }

    private int rleSymbol(byte[] src, int ip, int end, int max) {
        if (ip >= end) {
            throw corrupt("truncated Zstandard RLE table");
        }
        int s = src[ip] & 0xFF;
        if (s > max) {
            throw corrupt("Zstandard RLE symbol " + s + " exceeds " + max);
        }
        return s;
    }

    private void repeatCheck(long[] table) {
        if (table == null) {
            throw corrupt("Zstandard repeat mode without an earlier table in the frame");
        }
    }

    /** A match that starts before the frame's output: its head comes from the dictionary content. */
    private void copyFromPrefix(byte[] dst, int op, int offset, int ml, int floor, int hardEnd) {
        byte[] pre = prefix;
        long back = (long) offset - (op - floor);
        if (offset <= 0 || pre == null || back > pre.length) {
            throw corrupt("Zstandard match offset " + Integer.toUnsignedString(offset)
                    + " points before the start of the output" + (pre == null ? "" : " and its dictionary"));
        }
        int n = (int) Math.min(ml, back);
        System.arraycopy(pre, pre.length - (int) back, dst, op, n);
        if (ml > n) {
            Bits.copyMatch(dst, op + n, offset, ml - n, hardEnd); // the rest starts at the frame's first byte
        }
    }

    /**
     * The hot loop: decodes {@code nbSeq} sequences from the backward bit stream {@code src[start,
     * end)} and executes each at once (literals, then the match). The 64-bit container holds at least
     * 57 unread bits after each refill, enough for one offset, match and literal length except with
     * the longest extra bits, which get a second refill.
     */
    private int decodeSequences(byte[] src, int start, int end, int nbSeq, byte[] dst, int floor, int op,
                                int limit, int hardEnd) {
        int len = end - start;
        if (len <= 0 || src[end - 1] == 0) {
            throw corrupt("invalid Zstandard sequences bit stream end");
        }
        int consumed = Integer.numberOfLeadingZeros(src[end - 1] & 0xFF) - 23;
        int ptr;
        long bits;
        if (len >= 8) {
            ptr = end - 8;
            bits = Bits.getLong(src, ptr);
        } else {
            ptr = start;
            bits = 0;
            for (int i = 0; i < len; i++) {
                bits |= (long) (src[start + i] & 0xFF) << (8 * i);
            }
            consumed += 8 * (8 - len);
        }
        final int fast = start + 8;
        final long[] llT = llTable;
        final long[] ofT = ofTable;
        final long[] mlT = mlTable;

        int llState = (int) ((bits << consumed) >>> 1 >>> (63 - llLog));
        consumed += llLog;
        int ofState = (int) ((bits << consumed) >>> 1 >>> (63 - ofLog));
        consumed += ofLog;
        int mlState = (int) ((bits << consumed) >>> 1 >>> (63 - mlLog));
        consumed += mlLog;

        final byte[] lit = litArray;
        int litPos = litPtr;
        final int litLimit = litEnd;
        int r1 = rep1;
        int r2 = rep2;
        int r3 = rep3;

        for (int remaining = nbSeq; remaining > 0; remaining--) {
            // refill
            if (ptr >= fast) {
                ptr -= consumed >>> 3;
                consumed &= 7;
                bits = Bits.getLong(src, ptr);
            } else {
                if (consumed > 64) {
                    throw corrupt("Zstandard sequences bit stream overread");
                }
                if (ptr > start) {
                    int nb = Math.min(consumed >>> 3, ptr - start);
                    ptr -= nb;
                    consumed -= nb * 8;
                    bits = Bits.getLong(src, ptr);
                }
            }
            long llE = llT[llState];
            long mlE = mlT[mlState];
            long ofE = ofT[ofState];

            int ofBits = (int) (ofE >>> 24) & 0xFF;
            long ofValue = (ofE >>> 32) + ((bits << consumed) >>> 1 >>> (63 - ofBits));
            consumed += ofBits;
            int mlBits = (int) (mlE >>> 24) & 0xFF;
            int ml = (int) (mlE >>> 32) + (int) ((bits << consumed) >>> 1 >>> (63 - mlBits));
            consumed += mlBits;
            int llBits = (int) (llE >>> 24) & 0xFF;
            if (ofBits + mlBits + llBits > 56 && ptr >= fast) {
                ptr -= consumed >>> 3;
                consumed &= 7;
                bits = Bits.getLong(src, ptr);
            }
            int ll = (int) (llE >>> 32) + (int) ((bits << consumed) >>> 1 >>> (63 - llBits));
            consumed += llBits;

            int offset;
            if (ofValue > 3) {
                if (ofValue - 3 > Integer.MAX_VALUE) {
                    throw corrupt("Zstandard offset out of range");
                }
                offset = (int) (ofValue - 3);
                r3 = r2;
                r2 = r1;
                r1 = offset;
            } else {
                int idx = (int) ofValue - 1 + (ll == 0 ? 1 : 0);
                if (idx == 0) {
                    offset = r1;
                } else {
                    offset = idx == 1 ? r2 : idx == 2 ? r3 : r1 - 1;
                    if (idx != 1) {
                        r3 = r2;
                    }
                    r2 = r1;
                    r1 = offset;
                }
            }

            if (remaining > 1) {
                if (ptr >= fast) {
                    ptr -= consumed >>> 3;
                    consumed &= 7;
                    bits = Bits.getLong(src, ptr);
                } else if (ptr > start && consumed <= 64) {
                    int nb = Math.min(consumed >>> 3, ptr - start);
                    ptr -= nb;
                    consumed -= nb * 8;
                    bits = Bits.getLong(src, ptr);
                }
                int nb = (int) (llE >>> 16) & 0xFF;
                llState = ((int) llE & 0xFFFF) + (int) ((bits << consumed) >>> 1 >>> (63 - nb));
                consumed += nb;
                nb = (int) (mlE >>> 16) & 0xFF;
                mlState = ((int) mlE & 0xFFFF) + (int) ((bits << consumed) >>> 1 >>> (63 - nb));
                consumed += nb;
                nb = (int) (ofE >>> 16) & 0xFF;
                ofState = ((int) ofE & 0xFFFF) + (int) ((bits << consumed) >>> 1 >>> (63 - nb));
                consumed += nb;
            }

            // execute: literals, then the match
            if (ll > litLimit - litPos) {
                throw corrupt("Zstandard sequence takes more literals than the block holds");
            }
            if (ll > limit - op || ml > limit - op - ll) {
                throw overflow();
            }
            if (ll <= 16 && litPos + 16 <= lit.length && op + 16 <= hardEnd) {
                Bits.putLong(dst, op, Bits.getLong(lit, litPos));
                Bits.putLong(dst, op + 8, Bits.getLong(lit, litPos + 8));
            } else {
                System.arraycopy(lit, litPos, dst, op, ll);
            }
            op += ll;
            litPos += ll;
            if (Integer.compareUnsigned(offset - 1, op - floor) >= 0) {
                copyFromPrefix(dst, op, offset, ml, floor, hardEnd);
            } else {
                Bits.copyMatch(dst, op, offset, ml, hardEnd);
            }
            op += ml;
        }
        if (consumed > 64) {
            throw corrupt("Zstandard sequences bit stream overread");
        }
        if (ptr > start) {
            int nb = Math.min(consumed >>> 3, ptr - start);
            ptr -= nb;
            consumed -= nb * 8;
        }
        if (ptr != start || consumed != 64) {
            throw corrupt("Zstandard sequences bit stream not consumed exactly");
        }
        rep1 = r1;
        rep2 = r2;
        rep3 = r3;
        litPtr = litPos;
        return op;
    }
}
