package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.internal.Bits;

/**
 * The forward bit writer of Zstandard's entropy coders: bits accumulate little-endian in a 64-bit
 * container and whole bytes are stored; {@link #close()} appends the end mark (a single 1 bit) that
 * decoders find by scanning the last byte. Writing stops at {@code end - 8}; an overrun is reported
 * by {@link #close()} returning -1, never by touching memory past {@code end}.
 */
final class BitWriter {

    private byte[] buf;
    private int start;
    private int pos;
    private int limit;
    private long container;
    private int count;

    void init(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.pos = start;
        this.limit = end - 8;
        this.container = 0;
        this.count = 0;
    }

    /** Adds the low {@code n} bits of {@code value}; {@code n <= 56 - pending}, kept by flushing. */
    void add(long value, int n) {
        if (count + n > 63) {
            flush();
        }
        container |= (value & ((1L << n) - 1)) << count;
        count += n;
    }

    /** Stores the whole bytes of the container. */
    void flush() {
        if (pos > limit) {
            pos = Integer.MAX_VALUE / 2; // overrun: remembered, reported by close()
            count &= 7;
            return;
        }
        int n = count >>> 3;
        Bits.putLong(buf, pos, container);
        pos += n;
        container >>>= n << 3;
        count &= 7;
    }

    /** Writes the end mark and returns the stream size, or -1 if it did not fit. */
    int close() {
        add(1, 1);
        flush();
        if (pos > limit + 8 - (count > 0 ? 1 : 0)) {
            return -1;
        }
        return pos - start + (count > 0 ? 1 : 0);
    }
}
