package dev.oxistore.kv.lsm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link FileIo} that fails on purpose: once armed, channels of files matching {@code which},
 * when called by a thread matching {@code thread}, fail their {@code force} (a dying device; the
 * bytes written before stay in the file, as with a real failed fsync) or their writes (a full
 * disk) with an {@link IOException}, at most {@link #remaining} times.
 */
final class FaultyIo implements FileIo {

    /** What fails. */
    enum Fault { FSYNC, DISK_FULL }

    private final Fault fault;
    private final Predicate<Path> which;
    private final Predicate<String> thread;
    final AtomicInteger injected = new AtomicInteger();
    volatile boolean armed = true;
    /** Faults still to inject. */
    final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);

    FaultyIo(Fault fault, Predicate<Path> which, Predicate<String> thread) {
        this.fault = fault;
        this.which = which;
        this.thread = thread;
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        FileChannel real = FileChannel.open(path, options);
        return which.test(path) ? new Channel(real) : real;
    }

    private void maybeFail(Fault f) throws IOException {
        if (armed && fault == f && thread.test(Thread.currentThread().getName()) && remaining.getAndDecrement() > 0) {
            injected.incrementAndGet();
            throw new IOException(f == Fault.FSYNC ? "Input/output error (injected fsync failure)"
                    : "No space left on device (injected)");
        }
    }

    private final class Channel extends FileChannel {
        private final FileChannel d;

        Channel(FileChannel d) {
            this.d = d;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            maybeFail(Fault.DISK_FULL);
            return d.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            maybeFail(Fault.DISK_FULL);
            return d.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            maybeFail(Fault.FSYNC);
            d.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            maybeFail(Fault.DISK_FULL);
            return d.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            maybeFail(Fault.DISK_FULL);
            return d.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return d.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }
}
