package dev.oxistore.compress.internal.lz4;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.internal.Bits;

/**
 * The LZ4 block format (lz4_Block_format.md): a sequence of (token, literals, offset, match length)
 * with 4-bit length nibbles extended by 255-runs, 16-bit little-endian offsets and a minimum match of
 * four bytes; the block ends with literals only, and the last five bytes are always literals.
 *
 * <p>The compressor is LZ4's fast single-probe matcher: a hash table of the positions of 5-byte
 * sequences (4096 entries at most, fewer for short inputs so small calls clear little memory), an
 * accelerating skip over incompressible stretches, and word-at-a-time match extension. The
 * decompressor checks every length and offset against the input and output bounds before copying.
 * Both copy runs of up to 64 bytes as whole words when the buffers have room past the run (like
 * LZ4's own "wild copy"): the extra bytes land past the run, where later output overwrites them or
 * nothing reads them, and never at or past the given limits.
 */
public final class Lz4Block {

    static final int MIN_MATCH = 4;
    /** A match must start at least this far before the end of the input. */
    static final int MF_LIMIT = 12;
    static final int LAST_LITERALS = 5;
    static final int MAX_DISTANCE = 65535;
    static final int MAX_HASH_LOG = 12;
    private static final long PRIME5 = 889523592379L;
    private static final int SKIP_TRIGGER = 6;
    /** Slack a wild copy needs past its end (it moves whole 16-byte steps). */
    private static final int WILD = 16;
    /** The longest copy done as a wild copy; longer ones pay System.arraycopy's set-up. */
    private static final int WILD_MAX = 64;

    /** Returned by {@link #decompress} when the output would exceed the given limit. */
    public static final int OUTPUT_OVERFLOW = -1;

    private Lz4Block() {
    }

    /** The worst-case block size for {@code n} input bytes (LZ4_COMPRESSBOUND). */
    public static long maxCompressedLength(long n) {
        return n + n / 255 + 16;
    }

    /** Working memory of the compressor: the hash table, reused across calls. */
    public static int[] newTable() {
        return new int[1 << MAX_HASH_LOG];
    }

    private static int hash(long sequence, int shift) {
        return (int) ((sequence << 24) * PRIME5 >>> shift);
    }

    /**
     * Compresses {@code src[srcOff, srcOff + srcLen)} into {@code dst[dstOff, dstOff + dstLen)}.
     *
     * @return the compressed size, or -1 if it does not fit in {@code dstLen}
     */
    public static int compress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen, int[] table) {
        final int srcEnd = srcOff + srcLen;
        final int dstEnd = dstOff + dstLen;
        int op = dstOff;
        int anchor = srcOff;
        if (srcLen >= MF_LIMIT + 1) {
            int hashLog = Math.clamp(32 - Integer.numberOfLeadingZeros(srcLen - 1), 4, MAX_HASH_LOG);
            int shift = 64 - hashLog;
            java.util.Arrays.fill(table, 0, 1 << hashLog, 0);
            final int mfLimit = srcEnd - MF_LIMIT;
            final int matchLimit = srcEnd - LAST_LITERALS;
            int ip = srcOff;
            table[hash(Bits.getLong(src, ip), shift)] = 0;
            ip++;
            int forwardH = hash(Bits.getLong(src, ip), shift);
            search:
            while (true) {
                int ref;
                int forwardIp = ip;
                int step = 1;
                int searchMatchNb = 1 << SKIP_TRIGGER;
                do {
                    int h = forwardH;
                    ip = forwardIp;
                    forwardIp += step;
                    step = searchMatchNb++ >>> SKIP_TRIGGER;
                    if (forwardIp > mfLimit) {
                        break search;
                    }
                    ref = srcOff + table[h];
                    forwardH = hash(Bits.getLong(src, forwardIp), shift);
                    table[h] = ip - srcOff;
                } while (ref + MAX_DISTANCE < ip || Bits.getInt(src, ref) != Bits.getInt(src, ip));

                while (ip > anchor && ref > srcOff && src[ip - 1] == src[ref - 1]) {
                    ip--;
                    ref--;
                }
                int litLen = ip - anchor;
                int token = op++;
                if (op + litLen + (2 + 1 + LAST_LITERALS) + litLen / 255 > dstEnd) {
                    return -1;
                }
                if (litLen >= 15) {
                    dst[token] = (byte) (15 << 4);
                    op = writeLength(dst, op, litLen - 15);
                } else {
                    dst[token] = (byte) (litLen << 4);
                }
                if (litLen <= WILD_MAX && ip <= srcEnd - WILD && op + litLen + WILD <= dstEnd) {
                    // Short runs, the common case, as whole words that may overrun into dst's slack
                    // (System.arraycopy's set-up dominates such copies); one branch-free step for
                    // the shortest, which are the most frequent and the most varied in length.
                    if (litLen <= 16) {
                        Bits.putLong(dst, op, Bits.getLong(src, anchor));
                        Bits.putLong(dst, op + 8, Bits.getLong(src, anchor + 8));
                    } else {
                        Bits.wildCopy64(src, anchor, dst, op, litLen);
                    }
                } else {
                    System.arraycopy(src, anchor, dst, op, litLen);
                }
                op += litLen;

                while (true) {
                    Bits.putShort(dst, op, ip - ref);
                    op += 2;
                    int matchLen = Bits.matchLength(src, ip + MIN_MATCH, ref + MIN_MATCH, matchLimit);
                    ip += MIN_MATCH + matchLen;
                    if (op + (1 + LAST_LITERALS) + (matchLen >>> 8) > dstEnd) {
                        return -1;
                    }
                    if (matchLen >= 15) {
                        dst[token] += 15;
                        op = writeLength(dst, op, matchLen - 15);
                    } else {
                        dst[token] += (byte) matchLen;
                    }
                    anchor = ip;
                    if (ip > mfLimit) {
                        break search;
                    }
                    table[hash(Bits.getLong(src, ip - 2), shift)] = ip - 2 - srcOff;
                    int h = hash(Bits.getLong(src, ip), shift);
                    ref = srcOff + table[h];
                    table[h] = ip - srcOff;
                    if (ref + MAX_DISTANCE >= ip && Bits.getInt(src, ref) == Bits.getInt(src, ip)) {
                        token = op++;
                        dst[token] = 0;
                        continue;
                    }
                    break;
                }
                forwardH = hash(Bits.getLong(src, ++ip), shift);
            }
        }
        int litLen = srcEnd - anchor;
        if (op + 1 + litLen + (litLen + 255 - 15) / 255 > dstEnd) {
            return -1;
        }
        if (litLen >= 15) {
            dst[op++] = (byte) (15 << 4);
            op = writeLength(dst, op, litLen - 15);
        } else {
            dst[op++] = (byte) (litLen << 4);
        }
        System.arraycopy(src, anchor, dst, op, litLen);
        return op + litLen - dstOff;
    }

    private static int writeLength(byte[] dst, int op, int len) {
        while (len >= 255) {
            dst[op++] = (byte) 255;
            len -= 255;
        }
        dst[op++] = (byte) len;
        return op;
    }

    /**
     * Decodes one block {@code src[srcOff, srcOff + srcLen)} to {@code dst} at {@code dstOff}, writing
     * nothing at or beyond {@code dstLimit}. Matches may reach back to {@code dstFloor} (the start of
     * the frame's earlier output for linked blocks, else {@code dstOff}).
     *
     * @return the decoded size, or {@link #OUTPUT_OVERFLOW} if the block decodes past dstLimit
     * @throws CorruptInputException for malformed input
     */
    public static int decompress(String codec, byte[] src, int srcOff, int srcLen,
                                 byte[] dst, int dstFloor, int dstOff, int dstLimit) {
        final int srcEnd = srcOff + srcLen;
        int ip = srcOff;
        int op = dstOff;
        if (srcLen == 0) {
            throw new CorruptInputException(codec, "empty LZ4 block: a block holds at least one token");
        }
        final int srcFast = srcEnd - 17;
        final int dstFast = dstLimit - 32;
        while (true) {
            if (ip >= srcEnd) {
                throw new CorruptInputException(codec, "truncated LZ4 block: it ends after a match instead of literals");
            }
            int token = src[ip++] & 0xFF;
            int litLen = token >>> 4;
            if (litLen < 15 && ip <= srcFast && op <= dstFast) {
                // Shortcut for the common short sequence (LZ4's own): at most 14 literals and a match
                // of at most 18 bytes at an offset of 8 or more, copied as whole words; the margins
                // keep every read and write in bounds and the block cannot end inside it.
                Bits.putLong(dst, op, Bits.getLong(src, ip));
                Bits.putLong(dst, op + 8, Bits.getLong(src, ip + 8));
                ip += litLen;
                op += litLen;
                int offset = Bits.getShort(src, ip);
                int matchLen = token & 15;
                if (matchLen < 15 && offset >= 8 && offset <= op - dstFloor) {
                    ip += 2;
                    int from = op - offset;
                    Bits.putLong(dst, op, Bits.getLong(dst, from));
                    Bits.putLong(dst, op + 8, Bits.getLong(dst, from + 8));
                    Bits.putShort(dst, op + 16, Bits.getShort(dst, from + 16));
                    op += matchLen + MIN_MATCH;
                    continue;
                }
                // Not a short match: fall through to the general match code below.
                ip += 2;
                if (matchLen == 15) {
                    int b;
                    do {
                        if (ip >= srcEnd) {
                            throw new CorruptInputException(codec, "truncated LZ4 block inside a match length");
                        }
                        b = src[ip++] & 0xFF;
                        matchLen += b;
                    } while (b == 255 && matchLen <= dstLimit - op);
                }
                matchLen += MIN_MATCH;
                if (offset == 0 || offset > op - dstFloor) {
                    throw new CorruptInputException(codec, "LZ4 match offset " + offset + " points before the start of the output");
                }
                if (matchLen > dstLimit - op) {
                    return OUTPUT_OVERFLOW;
                }
                copyMatch(dst, op, offset, matchLen, dstLimit);
                op += matchLen;
                continue;
            }
            if (litLen == 15) {
                int b;
                do {
                    if (ip >= srcEnd) {
                        throw new CorruptInputException(codec, "truncated LZ4 block inside a literal length");
                    }
                    b = src[ip++] & 0xFF;
                    litLen += b;
                } while (b == 255 && litLen <= srcLen);
            }
            if (litLen <= WILD_MAX && litLen <= srcEnd - ip - WILD && litLen <= dstLimit - op - WILD) {
                // Short, and far from both ends (so not the block's last literals).
                Bits.wildCopy64(src, ip, dst, op, litLen);
                ip += litLen;
                op += litLen;
            } else {
                if (litLen > srcEnd - ip) {
                    throw new CorruptInputException(codec, "LZ4 literal run of " + litLen + " bytes passes the end of the input");
                }
                if (litLen > dstLimit - op) {
                    return OUTPUT_OVERFLOW;
                }
                System.arraycopy(src, ip, dst, op, litLen);
                ip += litLen;
                op += litLen;
                if (ip == srcEnd) {
                    return op - dstOff;
                }
                if (ip > srcEnd - 2) {
                    throw new CorruptInputException(codec, "truncated LZ4 block inside a match offset");
                }
            }
            int offset = Bits.getShort(src, ip);
            ip += 2;
            int matchLen = token & 15;
            if (matchLen == 15) {
                int b;
                do {
                    if (ip >= srcEnd) {
                        throw new CorruptInputException(codec, "truncated LZ4 block inside a match length");
                    }
                    b = src[ip++] & 0xFF;
                    matchLen += b;
                } while (b == 255 && matchLen <= dstLimit - op);
            }
            matchLen += MIN_MATCH;
            if (offset == 0 || offset > op - dstFloor) {
                throw new CorruptInputException(codec, "LZ4 match offset " + offset + " points before the start of the output");
            }
            if (matchLen > dstLimit - op) {
                return OUTPUT_OVERFLOW;
            }
            copyMatch(dst, op, offset, matchLen, dstLimit);
            op += matchLen;
        }
    }

    /**
     * A back-reference copy. Short ones far from the output's end go as whole words that may
     * overrun; the rest (long, overlapping by less than a word, or at the end) take the exact copy.
     */
    private static void copyMatch(byte[] dst, int op, int offset, int matchLen, int dstLimit) {
        if (offset >= matchLen && matchLen <= WILD_MAX && matchLen <= dstLimit - op - 32) {
            Bits.copyBack64(dst, op - offset, op, matchLen);
        } else if (offset >= 8 && matchLen <= WILD_MAX && matchLen <= dstLimit - op - WILD) {
            Bits.wildCopy64(dst, op - offset, dst, op, matchLen);
        } else {
            Bits.copyMatch(dst, op, offset, matchLen, dstLimit);
        }
    }
}
