package dev.oxistore.kv.hlog.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file behind the hybrid log: one sparse file where the record at logical address {@code a}
 * lives at file offset {@code a}. A device with no file (in-memory stores) keeps every page in
 * memory and refuses to evict.
 */
public final class LogDevice implements AutoCloseable {

    private final FileChannel channel;

    private LogDevice(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (creating) the log file. */
    public static LogDevice open(Path file) {
        try {
            return new LogDevice(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + file, e);
        }
    }

    /** Writes {@code bytes} from {@code page} at {@code offset} to file position {@code address}. */
    public void write(MemorySegment page, long offset, long bytes, long address) throws IOException {
        ByteBuffer buf = page.asSlice(offset, bytes).asByteBuffer();
        long pos = address;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    /** Fills {@code dst} from file position {@code address}; bytes past the end read as zero. */
    public void read(long address, ByteBuffer dst) throws IOException {
        long pos = address;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                return;
            }
            pos += n;
        }
    }

    /** Forces written pages to stable storage. */
    public void sync() throws IOException {
        channel.force(false);
    }

    /** Bytes the file occupies. */
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
