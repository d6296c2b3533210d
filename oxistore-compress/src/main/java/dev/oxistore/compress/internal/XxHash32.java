package dev.oxistore.compress.internal;

/**
 * xxHash32 (Yann Collet's XXH32), one-shot and streaming: the checksum of the LZ4 frame format
 * (header checksum, block checksums, content checksum).
 */
public final class XxHash32 extends StripedHash {

    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    private final int seed;
    private int v1;
    private int v2;
    private int v3;
    private int v4;

    /** A streaming hasher with {@code seed}. */
    public XxHash32(int seed) {
        super(16);
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
        v1 = round(v1, Bits.getInt(b, i));
        v2 = round(v2, Bits.getInt(b, i + 4));
        v3 = round(v3, Bits.getInt(b, i + 8));
        v4 = round(v4, Bits.getInt(b, i + 12));
    }

    /** The hash of everything added since the last reset; does not change the state. */
    public int digest() {
        int h = total >= 16
                ? Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12) + Integer.rotateLeft(v4, 18)
                : seed + P5;
        return finish(h + (int) total, buffer, 0, buffered);
    }

    /** The xxHash32 of {@code b[off, off + len)} with {@code seed}. */
    public static int hash(byte[] b, int off, int len, int seed) {
        int end = off + len;
        int h;
        if (len >= 16) {
            int a1 = seed + P1 + P2;
            int a2 = seed + P2;
            int a3 = seed;
            int a4 = seed - P1;
            for (; off <= end - 16; off += 16) {
                a1 = round(a1, Bits.getInt(b, off));
                a2 = round(a2, Bits.getInt(b, off + 4));
                a3 = round(a3, Bits.getInt(b, off + 8));
                a4 = round(a4, Bits.getInt(b, off + 12));
            }
            h = Integer.rotateLeft(a1, 1) + Integer.rotateLeft(a2, 7) + Integer.rotateLeft(a3, 12) + Integer.rotateLeft(a4, 18);
        } else {
            h = seed + P5;
        }
        return finish(h + len, b, off, end - off);
    }

    private static int round(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * P2, 13) * P1;
    }

    private static int finish(int h, byte[] b, int off, int len) {
        int end = off + len;
        for (; off <= end - 4; off += 4) {
            h = Integer.rotateLeft(h + Bits.getInt(b, off) * P3, 17) * P4;
        }
        for (; off < end; off++) {
            h = Integer.rotateLeft(h + (b[off] & 0xFF) * P5, 11) * P1;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }
}
