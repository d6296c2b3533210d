package dev.oxistore.blob.local;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/** Reads slices of already opened data files one after another; closing it closes them all. */
final class PartsInputStream extends InputStream {

    /** {@code length} bytes of {@code channel} from {@code offset}. */
    record Slice(FileChannel channel, long offset, long length) {
    }

    private final List<Slice> slices;
    private int index;
    private long done;
    private boolean closed;

    PartsInputStream(List<Slice> slices) {
        this.slices = slices;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the blob stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (index < slices.size() && done == slices.get(index).length()) {
            slices.get(index).channel().close();
            index++;
            done = 0;
        }
        if (index == slices.size()) {
            return -1;
        }
        Slice s = slices.get(index);
        int want = (int) Math.min(len, s.length() - done);
        int n = s.channel().read(ByteBuffer.wrap(b, off, want), s.offset() + done);
        if (n < 0) {
            throw new EOFException("a data file ended early (it was truncated behind the store's back)");
        }
        done += n;
        return n;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        // Larger reads than InputStream's 16 KiB: fewer system calls for large objects.
        byte[] buffer = new byte[256 << 10];
        long total = 0;
        for (int n; (n = read(buffer, 0, buffer.length)) >= 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && index < slices.size()) {
            Slice s = slices.get(index);
            long k = Math.min(n - skipped, s.length() - done);
            done += k;
            skipped += k;
            if (done == s.length()) {
                s.channel().close();
                index++;
                done = 0;
            }
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = index; i < slices.size(); i++) {
            slices.get(i).channel().close();
        }
    }
}
