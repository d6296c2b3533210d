package dev.oxistore.compress.internal;

/**
 * The streaming half shared by {@link XxHash32} and {@link XxHash64}: input is consumed in stripes
 * of a fixed size, and a partial stripe waits in a buffer until the next update or the digest.
 */
abstract class StripedHash {

    /** The partial stripe not yet consumed: {@code buffer[0, buffered)}. */
    final byte[] buffer;
    int buffered;
    /** Bytes added since the last reset. */
    long total;

    StripedHash(int stripeSize) {
        this.buffer = new byte[stripeSize];
    }

    /** Consumes the whole stripe {@code b[off, off + stripe size)}. */
    abstract void stripe(byte[] b, int off);

    /** Forgets the buffered input and the total; the subclass resets its accumulators. */
    final void resetInput() {
        total = 0;
        buffered = 0;
    }

    /** Adds {@code b[off, off + len)} to the hash. */
    public final void update(byte[] b, int off, int len) {
        int size = buffer.length;
        total += len;
        if (buffered + len < size) {
            System.arraycopy(b, off, buffer, buffered, len);
            buffered += len;
            return;
        }
        int end = off + len;
        if (buffered > 0) {
            int n = size - buffered;
            System.arraycopy(b, off, buffer, buffered, n);
            off += n;
            stripe(buffer, 0);
            buffered = 0;
        }
        for (; off <= end - size; off += size) {
            stripe(b, off);
        }
        buffered = end - off;
        System.arraycopy(b, off, buffer, 0, buffered);
    }
}
