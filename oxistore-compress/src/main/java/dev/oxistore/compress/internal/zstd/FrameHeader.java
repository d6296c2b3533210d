package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;

/**
 * A parsed Zstandard frame header (RFC 8878 section 3.1.1.1): the bytes after the magic number.
 *
 * <pre>
 * descriptor  = content size flag (bits 7-6), single segment (5), unused (4), reserved 0 (3),
 *               content checksum (2), dictionary id flag (1-0)
 * window      = exponent (7-3), mantissa (2-0): size = 2^(10 + e) * (1 + m / 8); absent if single segment
 * dict id     = 0, 1, 2 or 4 bytes LE
 * content size= 0, 1, 2 (value - 256), 4 or 8 bytes LE; 1 byte only for single-segment frames
 * </pre>
 *
 * @param size bytes of header after the magic number
 * @param windowSize the window; for single-segment frames, the content size
 * @param contentSize the declared uncompressed size, or -1 when absent
 * @param dictionaryId the dictionary id, 0 when absent
 * @param checksum whether an xxHash64 content checksum (low 32 bits) follows the last block
 */
record FrameHeader(int size, long windowSize, long contentSize, long dictionaryId, boolean checksum) {

    /** The longest header after the magic number. */
    static final int MAX_SIZE = 14;

    /** The header size announced by the descriptor byte {@code fhd}. */
    static int sizeOf(int fhd) {
        boolean single = (fhd & 0x20) != 0;
        int fcsFlag = fhd >>> 6;
        int dictSize = new int[] {0, 1, 2, 4}[fhd & 3];
        int fcsSize = fcsFlag == 0 ? (single ? 1 : 0) : 1 << fcsFlag;
        return 1 + (single ? 0 : 1) + dictSize + fcsSize;
    }

    /** Parses the header at {@code b[ip, end)} (just after the magic number). */
    static FrameHeader parse(String codec, byte[] b, int ip, int end) {
        if (end - ip < 1) {
            throw new CorruptInputException(codec, "truncated Zstandard frame header");
        }
        int fhd = b[ip] & 0xFF;
        if ((fhd & 0x08) != 0) {
            throw new CorruptInputException(codec, "reserved bit set in the Zstandard frame header");
        }
        int size = sizeOf(fhd);
        if (end - ip < size) {
            throw new CorruptInputException(codec, "truncated Zstandard frame header");
        }
        boolean single = (fhd & 0x20) != 0;
        int p = ip + 1;
        long window = 0;
        if (!single) {
            int wd = b[p++] & 0xFF;
            int log = Zstd.MIN_WINDOW_LOG + (wd >>> 3);
            if (log > Zstd.MAX_WINDOW_LOG) {
                throw new UnsupportedFeatureException(codec, "Zstandard window of 2^" + log
                        + " bytes exceeds the format's maximum of 2^31");
            }
            long base = 1L << log;
            window = base + (base >>> 3) * (wd & 7);
        }
        long dictId = switch (fhd & 3) {
            case 0 -> 0;
            case 1 -> b[p] & 0xFF;
            case 2 -> Bits.getShort(b, p);
            default -> Bits.getInt(b, p) & 0xFFFFFFFFL;
        };
        p += new int[] {0, 1, 2, 4}[fhd & 3];
        long fcs = switch (size - (p - ip)) {
            case 0 -> -1;
            case 1 -> b[p] & 0xFF;
            case 2 -> Bits.getShort(b, p) + 256;
            case 4 -> Bits.getInt(b, p) & 0xFFFFFFFFL;
            default -> Bits.getLong(b, p);
        };
        if (fcs < -1 || (fcs == -1 && size - (p - ip) == 8)) {
            throw new UnsupportedFeatureException(codec, "Zstandard content size beyond 2^63 bytes");
        }
        if (single) {
            window = fcs;
        }
        return new FrameHeader(size, window, fcs, dictId, (fhd & 0x04) != 0);
    }

    /** The largest block of this frame: the window, capped at 128 KiB. */
    int blockMax() {
        return (int) Math.min(windowSize, Zstd.BLOCK_MAX);
    }
}
