package dev.oxistore.kv.hlog.log;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.hlog.epoch.LightEpoch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hybrid log: one logical address space of 48-bit addresses split into pages, of which the
 * newest {@code memoryPages} live in a circular buffer of off-heap frames. From the tail down:
 *
 * <pre>
 *   tail ............ readOnly ........ head ............ begin
 *   | mutable (in place) | read-only (copy to tail) | on disk only |
 * </pre>
 *
 * Addresses only grow. Allocation bumps the tail with a CAS; opening a page whose frame still
 * holds an old page first moves the head, which needs that old page flushed. Moving
 * {@code readOnly} is published, then the epoch is bumped: once no thread can still be updating in
 * place below it, {@code safeReadOnly} follows and a background flusher writes those bytes to the
 * {@link LogDevice}. Moving {@code head} likewise defers zeroing and reusing the frames until no
 * thread can still be reading them. A thread waiting for room refreshes its epoch so the deferred
 * actions can run.
 */
public final class HybridLog implements AutoCloseable {

    /** The first address ever allocated (0 is "no record"). */
    public static final long BEGIN = 64;
    /** Bytes readable past the last frame in {@link #memory()} (zero, never written). */
    public static final long TAIL_SLACK = 64;

    private final LightEpoch epoch;
    private final LogDevice device;
    private final int pageBits;
    private final long pageSize;
    private final long pageMask;
    private final int memoryPages;
    private final int mutablePages;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment memory; // every frame, contiguous: address a is at a mod memoryBytes()
    private final MemorySegment[] frames;

    private final AtomicLong tail = new AtomicLong(BEGIN);
    private final AtomicLong readOnly = new AtomicLong(BEGIN);
    private final AtomicLong safeReadOnly = new AtomicLong(BEGIN);
    private final AtomicLong head = new AtomicLong(BEGIN);
    private final AtomicLong flushRequested = new AtomicLong(BEGIN);
    private final AtomicLong flushedUntil = new AtomicLong(BEGIN);
    private volatile long closedPages; // pages below this have been evicted and their frames zeroed
    private final AtomicLong flushes = new AtomicLong();
    private volatile IOException flushError;
    private volatile boolean closed;
    private final Thread flusher;

    /**
     * Creates an empty log.
     *
     * @param pageBits log2 of the page size (12 to 30)
     * @param memoryPages frames in memory (a power of two, at least 4): the memory budget
     * @param mutableFraction share of the in-memory pages kept mutable (the rest is read-only)
     */
    public HybridLog(LightEpoch epoch, LogDevice device, int pageBits, int memoryPages, double mutableFraction) {
        if (pageBits < 12 || pageBits > 30) {
            throw new InvalidArgumentException("pageBits must be between 12 and 30, got " + pageBits);
        }
        if (memoryPages < 4 || Integer.bitCount(memoryPages) != 1) {
            throw new InvalidArgumentException("memoryPages must be a power of two >= 4, got " + memoryPages);
        }
        if (!(mutableFraction > 0 && mutableFraction <= 1)) {
            throw new InvalidArgumentException("mutableFraction must be in (0, 1], got " + mutableFraction);
        }
        this.epoch = epoch;
        this.device = device;
        this.pageBits = pageBits;
        this.pageSize = 1L << pageBits;
        this.pageMask = pageSize - 1;
        this.memoryPages = memoryPages;
        this.mutablePages = (int) Math.max(1, Math.min(memoryPages - 2, Math.round(memoryPages * mutableFraction)));
        // TAIL_SLACK zero bytes after the last frame: a reader may take a record-sized slice at any
        // record address, even of a smaller record that ends the last page
        this.memory = arena.allocate(pageSize * memoryPages + TAIL_SLACK, 64);
        this.frames = new MemorySegment[memoryPages];
        for (int i = 0; i < memoryPages; i++) {
            frames[i] = memory.asSlice(i * pageSize, pageSize);
        }
        this.flusher = Thread.ofPlatform().daemon().name("hlog-flusher").start(this::flushLoop);
    }

    // ------------------------------------------------------------------ addresses

    /** Page size in bytes. */
    public long pageSize() {
        return pageSize;
    }

    /** Largest record a page holds. */
    public int maxRecordBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, pageSize - BEGIN);
    }

    /** Next address to be allocated. */
    public long tail() {
        return tail.get();
    }

    /** Addresses at or above it may be updated in place. */
    public long readOnlyAddress() {
        return readOnly.get();
    }

    /** Addresses below it are no longer updated in place by any thread. */
    public long safeReadOnlyAddress() {
        return safeReadOnly.get();
    }

    /** Addresses at or above it are in memory. */
    public long headAddress() {
        return head.get();
    }

    /** Addresses below it are on the device. */
    public long flushedUntil() {
        return flushedUntil.get();
    }

    /** Memory budget in bytes. */
    public long memoryBytes() {
        return pageSize * memoryPages;
    }

    /** Completed flush writes. */
    public long flushCount() {
        return flushes.get();
    }

    /**
     * All frames as one segment: an in-memory address {@code a} is at offset
     * {@code a & (memoryBytes() - 1)} (one segment and no frame lookup on the read path), followed by
     * {@link #TAIL_SLACK} zero bytes so that a 32-byte slice at any record address is in bounds;
     * readers hold the epoch while they use it.
     */
    public MemorySegment memory() {
        return memory;
    }

    /** The frames (index = page mod frames); readers hold the epoch while they use one. */
    public MemorySegment[] frames() {
        return frames;
    }

    /** The frame holding {@code address} (which must be at or above the head, read under epoch protection). */
    public MemorySegment frame(long address) {
        return frames[(int) ((address >>> pageBits) & (memoryPages - 1))];
    }

    /** The offset of {@code address} in its frame. */
    public long offset(long address) {
        return address & pageMask;
    }

    // ------------------------------------------------------------------ allocation

    /**
     * Allocates {@code size} bytes (a multiple of 8, at most {@link #maxRecordBytes}) at the tail for
     * a thread protected in {@code slot}; may wait, refreshing the epoch, for a frame to free up.
     */
    public long allocate(int size, int slot) {
        for (int spins = 0; ; spins++) {
            long t = tail.get();
            long off = t & pageMask;
            if (off != 0 && off + size <= pageSize) {
                if (tail.compareAndSet(t, t + size)) {
                    return t;
                }
                continue;
            }
            long page = off == 0 ? t >>> pageBits : (t >>> pageBits) + 1;
            if (page >= closedPages + memoryPages) {
                makeRoom(page);
                epoch.refresh(slot);
                backoff(spins);
                continue;
            }
            long start = page << pageBits;
            if (tail.compareAndSet(t, start + size)) {
                onPageOpened(page);
                return start;
            }
        }
    }

    private static void backoff(int spins) {
        if (spins < 64) {
            Thread.onSpinWait();
        } else if (spins < 256) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(50_000);
        }
    }

    private void onPageOpened(long page) {
        long ro = (page - mutablePages + 1) << pageBits;
        if (ro > readOnly.get()) {
            shiftReadOnly(ro);
        }
        if (device != null) {
            makeRoom(page + 1); // evict ahead so the next page rarely waits
        }
    }

    /** Frees the frame for {@code page} as far as flushing allows, asking for the flushes it needs. */
    private void makeRoom(long page) {
        long headPage = page - memoryPages + 1;
        if (headPage <= 0) {
            return;
        }
        if (device == null) {
            throw new dev.oxistore.kv.CapacityExceededException("the in-memory hybrid log is full ("
                    + memoryBytes() + " bytes): give it more memory pages or open it on a file");
        }
        long target = headPage << pageBits;
        if (flushedUntil.get() >= target) {
            shiftHead(target);
        } else if (readOnly.get() < target) {
            shiftReadOnly(target);
        }
    }

    /** Makes everything below {@code address} read-only and, once safe, flushes it. */
    public void shiftReadOnly(long address) {
        long cur;
        do {
            cur = readOnly.get();
            if (address <= cur) {
                return;
            }
        } while (!readOnly.compareAndSet(cur, address));
        epoch.bumpEpoch(() -> {
            raise(safeReadOnly, address);
            requestFlush(address);
        });
    }

    private void shiftHead(long address) {
        long cur;
        do {
            cur = head.get();
            if (address <= cur) {
                return;
            }
        } while (!head.compareAndSet(cur, address));
        epoch.bumpEpoch(() -> closePagesBelow(address >>> pageBits));
    }

    private synchronized void closePagesBelow(long page) {
        for (long p = closedPages; p < page; p++) {
            frames[(int) (p & (memoryPages - 1))].fill((byte) 0);
        }
        if (page > closedPages) {
            closedPages = page;
        }
    }

    private static void raise(AtomicLong a, long v) {
        long cur;
        do {
            cur = a.get();
            if (v <= cur) {
                return;
            }
        } while (!a.compareAndSet(cur, v));
    }

    // ------------------------------------------------------------------ flushing

    private void requestFlush(long address) {
        raise(flushRequested, address);
        LockSupport.unpark(flusher);
    }

    private void flushLoop() {
        while (!closed) {
            long from = flushedUntil.get();
            long to = Math.min(flushRequested.get(), safeReadOnly.get());
            if (device == null || from >= to) {
                LockSupport.parkNanos(this, 20_000_000); // requestFlush unparks it
                continue;
            }
            long end = Math.min(to, ((from >>> pageBits) + 1) << pageBits);
            try {
                device.write(frame(from), offset(from), end - from, from);
                flushes.incrementAndGet();
                flushedUntil.set(end);
            } catch (IOException e) {
                flushError = e;
                LockSupport.parkNanos(this, 10_000_000);
            }
        }
    }

    /**
     * Makes everything below {@code address} read-only and waits (unprotected) until it is written
     * to the device (handed to the OS) and, with {@code fsync}, synced.
     */
    public void flush(long address, boolean fsync) {
        shiftReadOnly(address);
        epoch.bumpAndWait();
        requestFlush(address);
        while (flushedUntil.get() < address) {
            checkFlushError();
            LockSupport.unpark(flusher);
            LockSupport.parkNanos(100_000);
        }
        if (!fsync) {
            return;
        }
        try {
            device.sync();
        } catch (IOException e) {
            throw new StoreIOException("cannot sync the log: " + e.getMessage(), e);
        }
    }

    private void checkFlushError() {
        IOException e = flushError;
        if (e != null) {
            throw new StoreIOException("writing the log failed: " + e.getMessage(), e);
        }
    }

    /** Reads the record bytes at {@code address} from the device into {@code dst}. */
    public void readFromDevice(long address, ByteBuffer dst) throws IOException {
        device.read(address, dst);
    }

    /** Bytes the log file occupies (0 without a file). */
    public long deviceSize() {
        return device == null ? 0 : device.size();
    }

    // ------------------------------------------------------------------ recovery

    /**
     * Positions an empty log after recovery: everything below {@code tailAddress} is on the device;
     * the page holding the tail is loaded back into memory so appends continue in it.
     */
    public void recoverTo(long tailAddress) {
        long page = tailAddress >>> pageBits;
        long start = page << pageBits;
        try {
            if (tailAddress > start) {
                ByteBuffer buf = frame(start).asSlice(0, tailAddress - start).asByteBuffer();
                device.read(start, buf);
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot read the log tail page: " + e.getMessage(), e);
        }
        closedPages = page;
        head.set(Math.max(start, BEGIN));
        tail.set(tailAddress);
        readOnly.set(tailAddress);
        safeReadOnly.set(tailAddress);
        flushRequested.set(tailAddress);
        flushedUntil.set(tailAddress);
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(flusher);
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        arena.close();
    }
}
