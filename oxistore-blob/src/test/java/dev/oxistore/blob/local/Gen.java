package dev.oxistore.blob.local;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/** Self-describing test objects: 8 bytes of seed, then bytes from that seed, so any whole object names its writer. */
final class Gen {

    private Gen() {
    }

    static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        ByteBuffer.wrap(b).putLong(seed);
        return b;
    }

    /** The seed of a whole object, or -1 when it is not one {@link #bytes} made. */
    static long seedOf(byte[] b) {
        if (b.length < 8) {
            return -1;
        }
        long seed = ByteBuffer.wrap(b).getLong();
        return java.util.Arrays.equals(b, bytes(seed, b.length)) ? seed : -1;
    }

    /** A stream that hands the bytes out in irregular reads, like a network. */
    static InputStream stream(byte[] data) {
        return new java.io.ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 300_000));
            }
        };
    }
}
