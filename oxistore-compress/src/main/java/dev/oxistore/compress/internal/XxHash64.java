package dev.oxistore.compress.internal;

/**
 * xxHash64 (Yann Collet's XXH64), one-shot and streaming: the content checksum of Zstandard frames
 * (its low 32 bits).
 */
public final class XxHash64 extends StripedHash {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private final long seed;
    private long v1;
    private long v2;
    private long v3;
    private long v4;

    /** A streaming hasher with {@code seed}. */
    public XxHash64(long seed) {
        super(32);
        this.seed = seed;
        reset();
    }

    /** Starts over, as if newly created. */
    public void reset() {
        v1 = seed + P1 + P2;
        v2 = seed + P2;
        v3 = seed;
        v4 = seed - P1;
        resetInput();
    }

    @Override
    void stripe(byte[] b, int i) {
        v1 = round(v1, Bits.getLong(b, i));
        v2 = round(v2, Bits.getLong(b, i + 8));
        v3 = round(v3, Bits.getLong(b, i + 16));
        v4 = round(v4, Bits.getLong(b, i + 24));
    }

    /** The hash of everything added since the last reset; does not change the state. */
    public long digest() {
        long h = total >= 32 ? converge(v1, v2, v3, v4) : seed + P5;
        return finish(h + total, buffer, 0, buffered);
    }

    /** The xxHash64 of {@code b[off, off + len)} with {@code seed}. */
    public static long hash(byte[] b, int off, int len, long seed) {
        int end = off + len;
        long h;
        if (len >= 32) {
            long a1 = seed + P1 + P2;
            long a2 = seed + P2;
            long a3 = seed;
            long a4 = seed - P1;
            for (; off <= end - 32; off += 32) {
                a1 = round(a1, Bits.getLong(b, off));
                a2 = round(a2, Bits.getLong(b, off + 8));
                a3 = round(a3, Bits.getLong(b, off + 16));
                a4 = round(a4, Bits.getLong(b, off + 24));
            }
            h = converge(a1, a2, a3, a4);
        } else {
            h = seed + P5;
        }
        return finish(h + len, b, off, end - off);
    }

    private static long round(long acc, long lane) {
        return Long.rotateLeft(acc + lane * P2, 31) * P1;
    }

    private static long merge(long h, long v) {
        return (h ^ round(0, v)) * P1 + P4;
    }

    private static long converge(long a1, long a2, long a3, long a4) {
        long h = Long.rotateLeft(a1, 1) + Long.rotateLeft(a2, 7) + Long.rotateLeft(a3, 12) + Long.rotateLeft(a4, 18);
        h = merge(h, a1);
        h = merge(h, a2);
        h = merge(h, a3);
        return merge(h, a4);
    }

    private static long finish(long h, byte[] b, int off, int len) {
        int end = off + len;
        for (; off <= end - 8; off += 8) {
            h ^= round(0, Bits.getLong(b, off));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (off <= end - 4) {
            h ^= (Bits.getInt(b, off) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            off += 4;
        }
        for (; off < end; off++) {
            h ^= (b[off] & 0xFF) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
