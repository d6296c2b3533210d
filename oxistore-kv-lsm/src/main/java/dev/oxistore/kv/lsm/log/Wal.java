package dev.oxistore.kv.lsm.log;

import dev.oxistore.kv.lsm.StoreFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write-ahead log being appended to: {@code NNNNNN.log} files of {@link LogFormat} records,
 * each the encoding of one commit ({@link WalBatch}). Appends happen under the store's commit
 * lock; {@link #sync} is group commit: the first writer to need an fsync becomes the leader and
 * syncs everything appended so far, and writers whose records that fsync covered return without
 * one of their own. Positions are logical (bytes over every file), so a rotation to a new file
 * (which fsyncs the old one) keeps waiting writers' targets meaningful.
 */
public final class Wal implements AutoCloseable {

    private final StoreFiles files;
    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition syncDone = syncLock.newCondition();
    private FileChannel channel;
    private long number;
    private volatile long appended;
    private long durable;
    private boolean syncing;
    /**
     * The fsync failure that ended group commit, if any. Sticky: after a failed fsync the kernel
     * may have dropped the dirty pages and a retry can report success for data that is gone, so
     * no writer may be acknowledged (or made visible) after it.
     */
    private IOException failed;
    private final java.util.concurrent.atomic.LongAdder syncs = new java.util.concurrent.atomic.LongAdder();

    public Wal(StoreFiles files, long number) throws IOException {
        this.files = files;
        open(number);
    }

    private void open(long n) throws IOException {
        channel = files.io().open(files.dir().resolve(StoreFiles.walName(n)),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        number = n;
        files.io().syncDirectory(files.dir());
    }

    public long number() {
        return number;
    }

    /** Appends one record (caller holds the commit lock); returns the logical end position to sync to. */
    public long append(byte[] payload, int len) throws IOException {
        byte[] record = LogFormat.frame(payload, len);
        LogFormat.writeFully(channel, record);
        appended += record.length;
        return appended;
    }

    /** Returns once everything up to {@code position} is on stable storage; one fsync serves many writers. */
    public void sync(long position) throws IOException {
        syncLock.lock();
        try {
            while (durable < position) {
                if (failed != null) {
                    throw new IOException("an earlier fsync of the write-ahead log failed: " + failed.getMessage(), failed);
                }
                if (syncing) {
                    syncDone.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long upTo = appended;
                FileChannel ch = channel;
                syncLock.unlock();
                IOException error = null;
                try {
                    ch.force(false);
                    syncs.increment();
                } catch (IOException e) {
                    error = e;
                    throw e;
                } finally {
                    syncLock.lock();
                    syncing = false;
                    if (error != null && failed == null) {
                        failed = error;
                    }
                    syncDone.signalAll();
                }
                durable = Math.max(durable, upTo);
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** The fsyncs group commit has issued (each may cover many writers). */
    public long syncCount() {
        return syncs.sum();
    }

    /** Syncs everything appended so far. */
    public void syncAll() throws IOException {
        sync(appended);
    }

    /** Switches to a new log file {@code newNumber}, first making the current one durable (caller holds the commit lock). */
    public void rotate(long newNumber) throws IOException {
        syncLock.lock();
        try {
            while (syncing) {
                syncDone.awaitUninterruptibly();
            }
            if (failed != null) {
                throw new IOException("an earlier fsync of the write-ahead log failed: " + failed.getMessage(), failed);
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                failed = e;
                throw e;
            }
            channel.close();
            durable = appended;
            open(newNumber);
        } finally {
            syncLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        syncLock.lock();
        try {
            while (syncing) {
                syncDone.awaitUninterruptibly();
            }
            if (channel.isOpen()) {
                try {
                    channel.force(false);
                } finally {
                    channel.close();
                }
            }
        } finally {
            syncLock.unlock();
        }
    }
}
