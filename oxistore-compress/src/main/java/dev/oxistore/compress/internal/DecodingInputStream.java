package dev.oxistore.compress.internal;

import dev.oxistore.compress.CorruptInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The base of the decompressing streams: serves bytes from a decoded window that subclasses
 * refill one block at a time, and gives them exact, truncation-aware reads of the source.
 */
public abstract class DecodingInputStream extends InputStream {

    protected final InputStream in;
    protected final String codec;
    /** Decoded bytes ready to serve are {@code window[pos, limit)}. */
    protected byte[] window = new byte[0];
    protected int pos;
    protected int limit;
    private boolean done;
    private boolean closed;

    protected DecodingInputStream(String codec, InputStream in) {
        this.codec = codec;
        this.in = in;
    }

    /**
     * Decodes the next non-empty run of output into {@code window[pos, limit)}, or returns false at
     * the clean end of the input.
     */
    protected abstract boolean refill() throws IOException;

    @Override
    public int read() throws IOException {
        if (pos == limit && !next()) {
            return -1;
        }
        return window[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            ensureOpen();
            return 0;
        }
        if (pos == limit && !next()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(window, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return limit - pos;
    }

    private boolean next() throws IOException {
        ensureOpen();
        while (!done) {
            if (!refill()) {
                done = true;
            } else if (pos < limit) {
                return true;
            }
        }
        return false;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(codec + ": stream closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            in.close();
        }
    }

    /** Reads up to {@code len} bytes, fewer only at the end of the source; returns the count. */
    protected final int readSome(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Reads exactly {@code len} bytes or throws {@link CorruptInputException} naming {@code what}. */
    protected final void readFully(byte[] b, int off, int len, String what) throws IOException {
        if (readSome(b, off, len) != len) {
            throw truncated(what);
        }
    }

    /** Skips exactly {@code n} bytes of the source or throws {@link CorruptInputException}. */
    protected final void skipFully(long n, String what) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        while (n > 0) {
            int r = readSome(scratch, 0, (int) Math.min(n, scratch.length));
            if (r == 0) {
                throw truncated(what);
            }
            n -= r;
        }
    }

    protected final CorruptInputException truncated(String what) {
        return new CorruptInputException(codec, "truncated input: the stream ends inside " + what);
    }

    protected final CorruptInputException corrupt(String message) {
        return new CorruptInputException(codec, message);
    }
}
