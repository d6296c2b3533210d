package dev.oxistore.compress.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The base of the compressing streams: buffers writes into blocks of the subclass's size, hands
 * each full block to {@link #writeBlock}, and writes the format's header and trailer around them.
 */
public abstract class EncodingOutputStream extends OutputStream {

    protected final OutputStream out;
    protected final String codec;
    private final byte[] buffer;
    private int buffered;
    private boolean started;
    private boolean closed;

    protected EncodingOutputStream(String codec, OutputStream out, int blockSize) {
        this.codec = codec;
        this.out = out;
        this.buffer = new byte[blockSize];
    }

    /** Writes the format's header; called once, before the first block or the trailer. */
    protected abstract void writeHeader() throws IOException;

    /** Compresses and writes {@code b[off, off + len)}, {@code 0 < len <= blockSize}. */
    protected abstract void writeBlock(byte[] b, int off, int len) throws IOException;

    /** Writes the format's end (end mark, checksum); called once by {@link #close()}. */
    protected abstract void writeTrailer() throws IOException;

    /** Pushes data the encoder itself buffers through; called by {@link #flush()}. */
    protected void flushEncoder() throws IOException {
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffered == buffer.length) {
            emit();
        }
        buffer[buffered++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (buffered == 0 && len >= buffer.length) {
                start();
                writeBlock(b, off, buffer.length); // a whole block straight from the caller's array
                off += buffer.length;
                len -= buffer.length;
                continue;
            }
            int n = Math.min(len, buffer.length - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == buffer.length) {
                emit();
            }
        }
    }

    /** Writes buffered data as a (possibly short) block, then flushes the underlying stream. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffered > 0) {
            emit();
        }
        if (started) {
            flushEncoder();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            if (buffered > 0) {
                emit();
            }
            start();
            writeTrailer();
        }
    }

    private void emit() throws IOException {
        start();
        int n = buffered;
        buffered = 0;
        writeBlock(buffer, 0, n);
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            writeHeader();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(codec + ": stream closed");
        }
    }
}
