package dev.oxistore.compress.internal.snappy;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.OutputTooSmallException;
import dev.oxistore.compress.internal.Bits;

/**
 * The raw Snappy format (format_description.txt): the uncompressed length as a varint, then
 * elements tagged by their low two bits: literal (00, length in the tag or in 1-4 more bytes), copy
 * with a 1-byte offset (01, length 4-11, 11-bit offset), 2-byte offset (10) or 4-byte offset (11),
 * each with length 1-64.
 *
 * <p>The compressor is Snappy's: independent 64 KiB fragments, a hash table of 4-byte sequences
 * sized to the fragment (at most 16384 entries), a skip that grows by one every 32 misses, and
 * copies emitted in pieces of at most 64 bytes. The decompressor checks every element against the
 * input, the declared length and the output produced so far.
 */
public final class SnappyRaw {

    static final int FRAGMENT = 1 << 16;
    static final int MAX_HASH_BITS = 14;
    private static final int INPUT_MARGIN = 15;

    private SnappyRaw() {
    }

    /** The worst-case compressed size of {@code n} bytes (snappy's MaxCompressedLength). */
    public static long maxCompressedLength(long n) {
        return 32 + n + n / 6;
    }

    /** Working memory of the compressor: the hash table, reused across calls. */
    public static int[] newTable() {
        return new int[1 << MAX_HASH_BITS];
    }

    /**
     * Compresses {@code src[srcOff, srcOff + srcLen)} to {@code dst} at {@code dstOff}; requires
     * {@link #maxCompressedLength} bytes of room.
     *
     * @return the compressed size
     */
    public static int compress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int[] table) {
        int op = dstOff;
        for (int v = srcLen; ; v >>>= 7) {
            if (v < 0x80) {
                dst[op++] = (byte) v;
                break;
            }
            dst[op++] = (byte) (v | 0x80);
        }
        // The caller guarantees this much room, so short literals may be copied with overrun below it.
        long dstLimit = dstOff + maxCompressedLength(srcLen);
        for (int p = srcOff, end = srcOff + srcLen; p < end; p += FRAGMENT) {
            op = compressFragment(src, p, Math.min(FRAGMENT, end - p), dst, op, dstLimit, table);
        }
        return op - dstOff;
    }

    private static int hash(int bytes, int shift) {
        return (bytes * 0x1e35a7bd) >>> shift;
    }

    private static int compressFragment(byte[] src, int base, int len, byte[] dst, int op, long dstLimit, int[] table) {
        int bits = 8;
        while (bits < MAX_HASH_BITS && (1 << bits) < len) {
            bits++;
        }
        int shift = 32 - bits;
        java.util.Arrays.fill(table, 0, 1 << bits, 0);
        int ipEnd = base + len;
        int ip = base;
        int nextEmit = base;
        if (len >= INPUT_MARGIN) {
            int ipLimit = ipEnd - INPUT_MARGIN;
            int nextHash = hash(Bits.getInt(src, ++ip), shift);
            outer:
            while (true) {
                int skip = 32;
                int nextIp = ip;
                int candidate;
                do {
                    ip = nextIp;
                    int h = nextHash;
                    int step = skip++ >>> 5;
                    nextIp = ip + step;
                    if (nextIp > ipLimit) {
                        break outer;
                    }
                    nextHash = hash(Bits.getInt(src, nextIp), shift);
                    candidate = base + table[h];
                    table[h] = ip - base;
                } while (Bits.getInt(src, ip) != Bits.getInt(src, candidate));

                int litLen = ip - nextEmit;
                if (litLen <= 60 && op + 1 + litLen + 16 <= dstLimit) {
                    // Short literal (one-byte tag), the common case, as whole words: arraycopy's
                    // set-up dominates such copies. ip <= ipLimit leaves 15 input bytes past it.
                    dst[op++] = (byte) ((litLen - 1) << 2);
                    if (litLen <= 16) {
                        Bits.putLong(dst, op, Bits.getLong(src, nextEmit));
                        Bits.putLong(dst, op + 8, Bits.getLong(src, nextEmit + 8));
                    } else {
                        Bits.wildCopy64(src, nextEmit, dst, op, litLen);
                    }
                    op += litLen;
                } else {
                    op = emitLiteral(dst, op, src, nextEmit, litLen);
                }
                long inputBytes;
                int candidateBytes;
                do {
                    int matched = 4 + Bits.matchLength(src, ip + 4, candidate + 4, ipEnd);
                    int offset = ip - candidate;
                    ip += matched;
                    op = emitCopy(dst, op, offset, matched);
                    nextEmit = ip;
                    if (ip >= ipLimit) {
                        break outer;
                    }
                    inputBytes = Bits.getLong(src, ip - 1);
                    table[hash((int) inputBytes, shift)] = ip - 1 - base;
                    int h = hash((int) (inputBytes >>> 8), shift);
                    candidate = base + table[h];
                    candidateBytes = Bits.getInt(src, candidate);
                    table[h] = ip - base;
                } while ((int) (inputBytes >>> 8) == candidateBytes);
                nextHash = hash((int) (inputBytes >>> 16), shift);
                ip++;
            }
        }
        if (nextEmit < ipEnd) {
            op = emitLiteral(dst, op, src, nextEmit, ipEnd - nextEmit);
        }
        return op;
    }

    private static int emitLiteral(byte[] dst, int op, byte[] src, int from, int len) {
        int n = len - 1;
        if (n < 60) {
            dst[op++] = (byte) (n << 2);
        } else {
            int count = n < (1 << 8) ? 1 : n < (1 << 16) ? 2 : n < (1 << 24) ? 3 : 4;
            dst[op++] = (byte) ((59 + count) << 2);
            for (int i = 0; i < count; i++) {
                dst[op++] = (byte) (n >>> (8 * i));
            }
        }
        System.arraycopy(src, from, dst, op, len);
        return op + len;
    }

    private static int emitCopyAtMost64(byte[] dst, int op, int offset, int len) {
        if (len < 12 && offset < 2048) {
            dst[op] = (byte) (1 | ((len - 4) << 2) | ((offset >>> 8) << 5));
            dst[op + 1] = (byte) offset;
            return op + 2;
        }
        dst[op] = (byte) (2 | ((len - 1) << 2));
        Bits.putShort(dst, op + 1, offset);
        return op + 3;
    }

    private static int emitCopy(byte[] dst, int op, int offset, int len) {
        if (len < 12) {
            return emitCopyAtMost64(dst, op, offset, len);
        }
        while (len >= 68) {
            op = emitCopyAtMost64(dst, op, offset, 64);
            len -= 64;
        }
        if (len > 64) {
            op = emitCopyAtMost64(dst, op, offset, 60);
            len -= 60;
        }
        return emitCopyAtMost64(dst, op, offset, len);
    }

    /**
     * The uncompressed length in the varint preamble as a long, or -1 if the preamble is truncated
     * or longer than five bytes; sets nothing else.
     */
    public static long declaredLength(byte[] src, int off, int len) {
        long v = 0;
        for (int i = 0; i < 5 && i < len; i++) {
            int b = src[off + i] & 0xFF;
            v |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                return v <= 0xFFFFFFFFL ? v : -1;
            }
        }
        return -1;
    }

    private static int varintLength(byte[] src, int off) {
        int i = 0;
        while ((src[off + i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    /**
     * Decodes {@code src[srcOff, srcOff + srcLen)} into {@code dst[dstOff, dstOff + dstLen)}.
     *
     * @return the uncompressed length
     * @throws OutputTooSmallException if the declared length exceeds {@code dstLen}
     * @throws CorruptInputException for malformed input
     */
    public static int decompress(String codec, byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        long declared = declaredLength(src, srcOff, srcLen);
        if (declared < 0) {
            throw new CorruptInputException(codec, srcLen == 0 ? "empty input: Snappy data starts with its length"
                    : "invalid Snappy length preamble");
        }
        if (declared > dstLen) {
            throw new OutputTooSmallException(codec, "the input declares " + declared
                    + " uncompressed bytes but the destination holds " + dstLen);
        }
        int ip = srcOff + varintLength(src, srcOff);
        final int end = srcOff + srcLen;
        int op = dstOff;
        final int opEnd = dstOff + (int) declared;
        while (ip < end) {
            int tag = src[ip++] & 0xFF;
            int len;
            int offset;
            switch (tag & 3) {
                case 0 -> {
                    len = tag >>> 2;
                    if (len >= 60) {
                        int count = len - 59;
                        if (end - ip < count) {
                            throw new CorruptInputException(codec, "truncated Snappy literal length");
                        }
                        long l = 0;
                        for (int i = 0; i < count; i++) {
                            l |= (long) (src[ip + i] & 0xFF) << (8 * i);
                        }
                        ip += count;
                        if (l >= end - ip) {
                            throw new CorruptInputException(codec, "Snappy literal of " + (l + 1) + " bytes passes the end of the input");
                        }
                        len = (int) l;
                    }
                    len++;
                    if (len > end - ip) {
                        throw new CorruptInputException(codec, "Snappy literal of " + len + " bytes passes the end of the input");
                    }
                    if (len > opEnd - op) {
                        throw new CorruptInputException(codec, "Snappy data decodes past its declared length " + declared);
                    }
                    if (len <= 16 && ip + 16 <= end && op + 16 <= opEnd) {
                        Bits.putLong(dst, op, Bits.getLong(src, ip));
                        Bits.putLong(dst, op + 8, Bits.getLong(src, ip + 8));
                    } else {
                        System.arraycopy(src, ip, dst, op, len);
                    }
                    ip += len;
                    op += len;
                    continue;
                }
                case 1 -> {
                    if (ip >= end) {
                        throw new CorruptInputException(codec, "truncated Snappy copy");
                    }
                    len = ((tag >>> 2) & 7) + 4;
                    offset = (tag >>> 5) << 8 | (src[ip++] & 0xFF);
                }
                case 2 -> {
                    if (end - ip < 2) {
                        throw new CorruptInputException(codec, "truncated Snappy copy");
                    }
                    len = (tag >>> 2) + 1;
                    offset = Bits.getShort(src, ip);
                    ip += 2;
                }
                default -> {
                    if (end - ip < 4) {
                        throw new CorruptInputException(codec, "truncated Snappy copy");
                    }
                    len = (tag >>> 2) + 1;
                    offset = Bits.getInt(src, ip);
                    ip += 4;
                }
            }
            if (offset <= 0 || offset > op - dstOff) {
                throw new CorruptInputException(codec, "Snappy copy offset " + Integer.toUnsignedString(offset)
                        + " points outside the output");
            }
            if (len > opEnd - op) {
                throw new CorruptInputException(codec, "Snappy data decodes past its declared length " + declared);
            }
            Bits.copyMatch(dst, op, offset, len, opEnd);
            op += len;
        }
        if (op != opEnd) {
            throw new CorruptInputException(codec, "Snappy data decodes to " + (op - dstOff)
                    + " bytes but declares " + declared);
        }
        return op - dstOff;
    }
}
