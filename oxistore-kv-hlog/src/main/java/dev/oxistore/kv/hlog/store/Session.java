package dev.oxistore.kv.hlog.store;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.hlog.epoch.LightEpoch;
import dev.oxistore.kv.hlog.index.EntrySlot;
import dev.oxistore.kv.hlog.index.HashIndex;
import dev.oxistore.kv.hlog.log.HybridLog;
import dev.oxistore.kv.hlog.log.Records;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-confined handle for operations on a {@link HlogStore} (FASTER's session): one thread at
 * a time uses it. Each operation gets the next serial number; a checkpoint tells the session the
 * serial up to which its operations are durable ({@link #durableSerial()}), and after a crash
 * {@link HlogStore#continueSession} resumes from exactly that serial.
 *
 * <p>Two modes: by default every operation enters and leaves epoch protection itself; a hot thread
 * calls {@link #resume()} once to stay protected (refreshing every 256 operations) and
 * {@link #suspend()} when it pauses, so that page eviction and checkpoints are not held up.
 *
 * <p>The {@code long} methods are the fast path: 8-byte keys and values, no allocation. The
 * {@code byte[]} methods take any non-empty key. An 8-byte key {@code k} is the same key as its
 * 8 big-endian bytes, and likewise for values.
 *
 * <p>A read whose record is on disk returns {@link Status#PENDING}; {@link #completePending}
 * finishes it and hands the result to the {@link Completion}. {@link #readAsync} returns a future
 * instead, completed by the I/O thread.
 */
public final class Session implements AutoCloseable {

    /** Receives the results of pending operations in {@link #completePending}. */
    @FunctionalInterface
    public interface Completion {
        /** A pending read or RMW finished; {@code value} is the value read (reads) or written (RMW). */
        void completed(byte[] key, Status status, byte[] value);
    }

    static final int SUSPENDED = 0;
    static final int ACTIVE = 1;
    static final int SWITCHING = 2;
    private static final int REFRESH_EVERY = 256;
    /** Most keys one {@link #read(long[], int, int, long[], Status[])} call takes. */
    public static final int MAX_BATCH = 64;
    // all words are 8-byte aligned; the unaligned layout only skips a redundant alignment check
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long EIGHT_AND_EIGHT = Records.lengths(8, 8); // the lengths word of a long record

    private final HlogStore store;
    private final HashIndex index;
    private final HybridLog log;
    private final LightEpoch epoch;
    private final String name;
    private final int slot;
    private final EntrySlot es = new EntrySlot();
    private final long[] batchEntries = new long[MAX_BATCH];
    private final MemorySegment memory; // the log's frames as one segment, cached for the read path
    private final long memoryMask;      // an in-memory address a is at offset a & memoryMask
    final AtomicInteger state = new AtomicInteger(SUSPENDED);
    private boolean resumed;
    private boolean closed;

    /** The checkpoint version this session's operations currently belong to. */
    volatile long version;
    /** Serial number of the last operation issued (owner thread; the checkpointer reads it only while SWITCHING). */
    long serial;
    /** Serial of the last operation before the session moved to {@code version}. */
    volatile long cprPoint;
    private volatile long durableSerial;

    private final ArrayDeque<Pending> outstanding = new ArrayDeque<>();
    final AtomicInteger outstandingRmws = new AtomicInteger();
    final ConcurrentLinkedQueue<Pending> completed = new ConcurrentLinkedQueue<>();
    private Completion completion = (k, s, v) -> { };

    private long value;
    private byte[] bytesValue;

    // statistics: written by the owner thread only, summed racily by HlogStore.stats()
    long reads;
    long upserts;
    long rmws;
    long deletes;
    long inPlace;
    long appended;
    long pendingIssued;
    long pendingCompleted;
    long probes;

    Session(HlogStore store, String name, long serial, long version) {
        this.store = store;
        this.index = store.index;
        this.log = store.log;
        this.epoch = store.epoch;
        this.name = name;
        this.serial = serial;
        this.cprPoint = serial;
        this.durableSerial = serial;
        this.version = version;
        this.memory = log.memory();
        this.memoryMask = log.memoryBytes() - 1;
        this.slot = epoch.acquireSlot();
    }

    /** The session's name (the key of its durable serial in checkpoints). */
    public String name() {
        return name;
    }

    /** Serial number of the last operation issued. */
    public long serial() {
        return serial;
    }

    /** Every operation with a serial number up to this one survives a crash (the last checkpoint's CPR point). */
    public long durableSerial() {
        return durableSerial;
    }

    void markDurable(long s) {
        durableSerial = s;
    }

    /** Sets the receiver of pending results. */
    public void setCompletion(Completion completion) {
        this.completion = completion == null ? (k, s, v) -> { } : completion;
    }

    /** The value found by the last successful {@code long} read. */
    public long value() {
        return value;
    }

    /** The value found by the last successful {@code byte[]} read (not copied again: do not modify). */
    public byte[] bytesValue() {
        return bytesValue;
    }

    // ------------------------------------------------------------------ protection and versions

    /** Stays epoch-protected across operations until {@link #suspend()}. */
    public void resume() {
        ensureOpen();
        if (!resumed) {
            activate();
            epoch.protect(slot);
            resumed = true;
        }
    }

    /** Leaves epoch protection (the session stays usable). */
    public void suspend() {
        if (resumed) {
            resumed = false;
            epoch.unprotect(slot);
            state.set(SUSPENDED);
        }
    }

    private void activate() {
        for (;;) {
            int s = state.get();
            if (s == SUSPENDED && state.compareAndSet(SUSPENDED, ACTIVE)) {
                return;
            }
            if (s == ACTIVE) {
                return;
            }
            Thread.onSpinWait(); // the checkpointer is moving this suspended session to the next version
        }
    }

    // enter and exit are inlined into every operation: their rare work is in separate methods so
    // that the read fast path stays small enough for the JIT to inline into its callers
    private void enter() {
        enter(1);
    }

    /** Enters {@code n} operations at once (a batch): they take the next {@code n} serials. */
    private void enter(int n) {
        if (!resumed) {
            protectForOperation();
        } else if ((serial & (REFRESH_EVERY - 1)) + n >= REFRESH_EVERY) { // every 256 operations: no counter of its own
            refreshResumed();
        }
        if (version != store.currentVersion) {
            shiftVersion(false);
        }
        serial += n;
    }

    private void protectForOperation() {
        ensureOpen();
        activate();
        epoch.protect(slot);
    }

    private void refreshResumed() {
        epoch.refresh(slot);
        if (!completed.isEmpty() || !outstanding.isEmpty()) {
            completePending(false);
        }
    }

    private void exit() {
        if (!resumed) {
            unprotectAfterOperation();
        }
    }

    private void unprotectAfterOperation() {
        epoch.unprotect(slot);
        state.set(SUSPENDED);
    }

    /**
     * Moves this session into the store's current version: the operations before belong to the old
     * one (the CPR point), and so does the one in progress unless {@code midOperation} (it then
     * completes in the new version). Pending RMWs of the old version are finished first.
     */
    private void shiftVersion(boolean midOperation) {
        if (outstandingRmws.get() > 0) {
            drainPending(true);
        }
        long target = store.currentVersion;
        if (version != target) {
            cprPoint = midOperation ? serial - 1 : serial;
            version = target;
            store.sessionShifted();
        }
    }

    /** Called by the checkpointer on a suspended session (state SWITCHING). */
    void shiftWhileSuspended(long target) {
        if (version != target) {
            cprPoint = serial;
            version = target;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("session '" + name + "' is closed: open a new session");
        }
        store.ensureOpen();
    }

    private int vbits() {
        return (int) version & Records.VERSION_MASK;
    }

    /** True when a record written by a later version is seen: the session must move to that version now. */
    private boolean newerVersionSeen(long header) {
        return Records.isNewer(Records.version(header), vbits()) && store.currentVersion != version;
    }

    // ------------------------------------------------------------------ long fast path

    /** Reads {@code key}: {@link Status#OK} with the value in {@link #value()}, NOT_FOUND, or PENDING. */
    public Status read(long key) {
        enter();
        try {
            reads++; // a read is one index probe: stats() counts reads as probes, so no probes++ here
            long hash = Records.hash(key);
            // Fast path, small enough for the JIT to inline into the caller: the entry in its main
            // bucket and the newest record in memory, live and of this key. Anything else (overflow
            // buckets, chain hops, tombstones, the disk) is rare, so the general path (readLong) is
            // a cold call the JIT keeps out of line; were it inlined, read would be compiled too big
            // to inline into its callers, and a call per read costs more than the lookup's own work.
            // Every instruction counts here: the CPU overlaps the cache misses of consecutive reads
            // only as far as its reorder window reaches, so fewer instructions per read means more
            // reads in flight. Hence the fields are read before the fence (they stay in registers)
            // and the record is one 32-byte slice (one bounds check; the JIT scalar-replaces it).
            MemorySegment m = memory;
            long mask = memoryMask;
            HybridLog hlog = log;
            long a = index.mainEntry(hash) & HashIndex.ADDRESS_MASK; // 0 (below the head) when not found
            VarHandle.acquireFence(); // the record was written before the entry's CAS published it
            if (a >= hlog.headAddress()) {
                MemorySegment r = m.asSlice(a & mask, Records.LONG_RECORD_BYTES);
                if (isLiveLong(r, key)) {
                    value = Long.reverseBytes(r.get(WORD, 24)); // an aligned 8-byte load: never torn
                    return Status.OK;
                }
            }
            return readLong(key, hash);
        } finally {
            exit();
        }
    }

    /** True when {@code r} (a record-sized slice of memory) is a live record of 8-byte {@code key} with an 8-byte value. */
    private static boolean isLiveLong(MemorySegment r, long key) {
        return r.get(WORD, 16) == Long.reverseBytes(key) && r.get(WORD, 8) == EIGHT_AND_EIGHT
                && !Records.isTombstone(r.get(WORD, 0));
    }

    /**
     * Reads {@code count} keys (at most {@value #MAX_BATCH}) from {@code keys[from..]} in one call,
     * as FASTER interleaves lookups: the index lines of all of them are loaded before any record,
     * so their cache misses overlap instead of following one another. Each key is one operation
     * (one serial number). For each {@code i < count}, {@code statuses[i]} is what {@link #read(long)}
     * of {@code keys[from + i]} would return and, when it is OK, {@code values[i]} holds the value; a
     * PENDING read completes in {@link #completePending} like a single one.
     *
     * @return how many keys were found (OK)
     * @throws IndexOutOfBoundsException when a range is outside an array
     * @throws InvalidArgumentException when {@code count} is over {@value #MAX_BATCH}
     */
    public int read(long[] keys, int from, int count, long[] values, Status[] statuses) {
        Objects.checkFromIndexSize(from, count, keys.length);
        Objects.checkFromIndexSize(0, count, values.length);
        Objects.checkFromIndexSize(0, count, statuses.length);
        if (count > MAX_BATCH) {
            throw new InvalidArgumentException("a batch read takes at most " + MAX_BATCH + " keys, got " + count);
        }
        enter(count);
        try {
            reads += count;
            long[] entries = batchEntries;
            for (int i = 0; i < count; i++) { // independent loads: the CPU has them all in flight at once
                entries[i] = index.mainEntry(Records.hash(keys[from + i]));
            }
            VarHandle.acquireFence(); // the records were written before the entries' CAS published them
            MemorySegment m = memory;
            long mask = memoryMask;
            long head = log.headAddress();
            int found = 0;
            for (int i = 0; i < count; i++) {
                long key = keys[from + i];
                long a = entries[i] & HashIndex.ADDRESS_MASK;
                Status st;
                MemorySegment r = m.asSlice(a & mask, Records.LONG_RECORD_BYTES);
                if (a >= head && isLiveLong(r, key)) { // a is 0 (below the head) when not in the main bucket
                    values[i] = Long.reverseBytes(r.get(WORD, 24));
                    st = Status.OK;
                } else {
                    st = readLong(key, Records.hash(key));
                    if (st == Status.OK) {
                        values[i] = value;
                    }
                }
                found += st == Status.OK ? 1 : 0;
                statuses[i] = st;
            }
            return found;
        } finally {
            exit();
        }
    }

    private Status readLong(long key, long hash) {
        if (!index.find(hash, es)) {
            return Status.NOT_FOUND;
        }
        long kn = Long.reverseBytes(key);
        long a = es.address();
        long head = log.headAddress();
        while (a >= head) {
            MemorySegment f = memory;
            long o = a & memoryMask;
            long k = f.get(WORD, o + 16);
            long lengths = f.get(WORD, o + 8);
            long h = f.get(WORD, o);
            if (k == kn && Records.keyLength(lengths) == 8) {
                if (Records.isTombstone(h)) {
                    return Status.NOT_FOUND;
                }
                if (Records.valueLength(lengths) != 8) {
                    throw notEightBytes(lengths);
                }
                value = Long.reverseBytes(f.get(WORD, o + 24)); // an aligned 8-byte load: never torn
                return Status.OK;
            }
            a = Records.previous(h);
        }
        if (a < HybridLog.BEGIN) {
            return Status.NOT_FOUND;
        }
        return goPending(key, null, hash, a, null);
    }

    private Status goPending(long key, byte[] bytesKey, long hash, long diskAddress, CompletableFuture<byte[]> future) {
        issue(new Pending(Pending.Kind.READ, key, bytesKey, hash, es.address(), diskAddress, null, null, future));
        return Status.PENDING;
    }

    private static InvalidArgumentException notEightBytes(long lengths) {
        return new InvalidArgumentException("the value of this key has " + Records.valueLength(lengths)
                + " bytes, not 8: read it with the byte[] methods");
    }

    private static long longValueAt(MemorySegment f, long o, long lengths) {
        if (Records.valueLength(lengths) != 8) {
            throw notEightBytes(lengths);
        }
        return (long) Records.LONG.getVolatile(f, o + 24);
    }

    /** Inserts or replaces {@code key}'s value. */
    public Status upsert(long key, long val) {
        enter();
        try {
            upserts++;
            upsertLong(key, Records.hash(key), Long.reverseBytes(val), false);
            return Status.OK;
        } finally {
            exit();
        }
    }

    /** Deletes {@code key}: OK, or NOT_FOUND when it had no record at all. */
    public Status delete(long key) {
        enter();
        try {
            deletes++;
            long hash = Records.hash(key);
            probes++;
            if (!index.find(hash, es)) {
                return Status.NOT_FOUND;
            }
            upsertLong(key, hash, 0, true);
            return Status.OK;
        } finally {
            exit();
        }
    }

    private void upsertLong(long key, long hash, long vn, boolean tombstone) {
        long kn = Long.reverseBytes(key);
        probes++;
        index.findOrCreate(hash, es);
        for (;;) {
            long a = es.address();
            long ro = log.readOnlyAddress();
            long head = log.headAddress();
            long headHeader = 0;
            boolean restart = false;
            for (long r = a; r >= ro && r >= head; ) {
                MemorySegment f = log.frame(r);
                long o = log.offset(r);
                long h = (long) Records.LONG.getVolatile(f, o);
                if (r == a) {
                    headHeader = h;
                }
                if (newerVersionSeen(h)) {
                    shiftVersion(true);
                    restart = true;
                    break;
                }
                long lengths = f.get(WORD, o + 8);
                if (Records.keyLength(lengths) == 8 && f.get(WORD, o + 16) == kn) {
                    if (lengths == Records.LONG_LENGTHS && Records.version(h) == vbits() && !Records.isTombstone(h)
                            && !Records.isSealed(h)) {
                        if (tombstone) {
                            if (Records.LONG.compareAndSet(f, o, h, h | Records.TOMBSTONE)) {
                                inPlace++;
                                return;
                            }
                            restart = true;
                            break;
                        }
                        Records.LONG.setVolatile(f, o + 24, vn);
                        inPlace++;
                        return;
                    }
                    break;
                }
                r = Records.previous(h);
            }
            if (restart) {
                index.reload(es);
                continue;
            }
            if (a >= head && headHeader == 0 && a >= HybridLog.BEGIN) {
                headHeader = (long) Records.LONG.getVolatile(log.frame(a), log.offset(a));
                if (newerVersionSeen(headHeader)) {
                    shiftVersion(true);
                    index.reload(es);
                    continue;
                }
            } else if (a < head && a >= HybridLog.BEGIN && version != store.currentVersion) {
                shiftVersion(true); // the chain head is on disk: its version is unknown, so move to the new version
                index.reload(es);
                continue;
            }
            int size = tombstone ? Records.HEADER_BYTES + 8 : Records.LONG_RECORD_BYTES;
            long n = log.allocate(size, slot);
            MemorySegment f = log.frame(n);
            long o = log.offset(n);
            f.set(WORD, o + 8, tombstone ? Records.lengths(8, 0) : Records.LONG_LENGTHS);
            f.set(WORD, o + 16, kn);
            if (!tombstone) {
                f.set(WORD, o + 24, vn);
            }
            Records.LONG.setVolatile(f, o, Records.header(a, vbits(), tombstone));
            if (index.compareAndSwap(es, n)) {
                appended++;
                return;
            }
            Records.invalidate(f, o);
            index.reload(es);
        }
    }

    /**
     * Read-modify-write of an 8-byte value: {@code fn} gets the current value (or absence) and
     * returns the new one. In the mutable region the update is a CAS in place; elsewhere the new
     * value is appended. PENDING when the current value is on disk.
     */
    public Status rmw(long key, LongRmw fn) {
        enter();
        try {
            rmws++;
            return rmwLong(key, Records.hash(key), fn, -1, false, 0);
        } finally {
            exit();
        }
    }

    private Status rmwLong(long key, long hash, LongRmw fn, long hintEntry, boolean hintFound, long hintValue) {
        long kn = Long.reverseBytes(key);
        probes++;
        index.findOrCreate(hash, es);
        outer:
        for (;;) {
            long a = es.address();
            long ro = log.readOnlyAddress();
            long head = log.headAddress();
            boolean found = false;
            long old = 0;
            long r = a;
            while (r >= head) {
                MemorySegment f = log.frame(r);
                long o = log.offset(r);
                long h = (long) Records.LONG.getVolatile(f, o);
                if (newerVersionSeen(h)) {
                    shiftVersion(true);
                    index.reload(es);
                    continue outer;
                }
                long lengths = f.get(WORD, o + 8);
                if (Records.keyLength(lengths) == 8 && f.get(WORD, o + 16) == kn) {
                    if (Records.isTombstone(h)) {
                        break;
                    }
                    if (r >= ro && Records.version(h) == vbits() && lengths == Records.LONG_LENGTHS && !Records.isSealed(h)) {
                        for (;;) {
                            long cur = (long) Records.LONG.getVolatile(f, o + 24);
                            long next = Long.reverseBytes(fn.apply(Long.reverseBytes(cur), true));
                            if (Records.LONG.compareAndSet(f, o + 24, cur, next)) {
                                inPlace++;
                                value = Long.reverseBytes(next);
                                return Status.OK;
                            }
                            if (Records.isTombstone((long) Records.LONG.getVolatile(f, o))) {
                                index.reload(es);
                                continue outer;
                            }
                        }
                    }
                    if (r >= log.safeReadOnlyAddress()) {
                        // a thread may still be updating it in place: copy it once that is over
                        if (r >= ro && Records.isSealed(h) ? !sealedAndSettled(r, f, o, h) : waitForFuzzyRegion()) {
                            continue outer;
                        }
                    }
                    found = true;
                    old = Long.reverseBytes(longValueAt(f, o, lengths));
                    break;
                }
                r = Records.previous(h);
            }
            if (!found && r >= HybridLog.BEGIN && r < head) {
                if (hintEntry == a) {
                    found = hintFound;
                    old = hintValue;
                } else {
                    if (version != store.currentVersion) {
                        shiftVersion(true);
                        index.reload(es);
                        continue;
                    }
                    issue(new Pending(Pending.Kind.RMW, key, null, hash, a, r, fn, null, null));
                    outstandingRmws.incrementAndGet();
                    return Status.PENDING;
                }
            }
            if (a >= head && a >= HybridLog.BEGIN) {
                if (newerVersionSeen((long) Records.LONG.getVolatile(log.frame(a), log.offset(a)))) {
                    shiftVersion(true);
                    index.reload(es);
                    continue;
                }
            } else if (a >= HybridLog.BEGIN && version != store.currentVersion) {
                shiftVersion(true);
                index.reload(es);
                continue;
            }
            long next = Long.reverseBytes(fn.apply(old, found));
            long n = log.allocate(Records.LONG_RECORD_BYTES, slot);
            MemorySegment f = log.frame(n);
            long o = log.offset(n);
            f.set(WORD, o + 8, Records.LONG_LENGTHS);
            f.set(WORD, o + 16, kn);
            f.set(WORD, o + 24, next);
            Records.LONG.setVolatile(f, o, Records.header(a, vbits(), false));
            if (index.compareAndSwap(es, n)) {
                appended++;
                value = Long.reverseBytes(next);
                return Status.OK;
            }
            Records.invalidate(f, o);
            index.reload(es);
            hintEntry = -1;
        }
    }

    // ------------------------------------------------------------------ byte[] path

    /** Reads {@code key}: OK with the value in {@link #bytesValue()}, NOT_FOUND, or PENDING. */
    public Status read(byte[] key) {
        checkKey(key);
        enter();
        try {
            reads++;
            return readBytes(key, null);
        } finally {
            exit();
        }
    }

    /** Reads {@code key}; the future holds the value or null, completed now or by the I/O thread. */
    public CompletableFuture<byte[]> readAsync(byte[] key) {
        checkKey(key);
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        enter();
        try {
            reads++;
            Status s = readBytes(key, f);
            if (s == Status.OK) {
                f.complete(bytesValue);
            } else if (s == Status.NOT_FOUND) {
                f.complete(null);
            }
            return f;
        } finally {
            exit();
        }
    }

    /** Reads {@code key}, waiting for the disk if needed: the value, or null. */
    public byte[] get(byte[] key) {
        return readAsync(key).join();
    }

    /** Reads {@code key}, waiting for the disk if needed. */
    public Long get(long key) {
        return switch (read(key)) {
            case OK -> value;
            case NOT_FOUND -> null;
            case PENDING -> {
                byte[] v = readAsync(Records.bigEndianBytes(key)).join();
                yield v == null ? null : Records.bigEndian(v, 0);
            }
        };
    }

    private Status readBytes(byte[] key, CompletableFuture<byte[]> future) {
        long hash = Records.hash(key); // one probe: counted by reads++ in the callers
        if (!index.find(hash, es)) {
            return Status.NOT_FOUND;
        }
        long a = es.address();
        long head = log.headAddress();
        MemorySegment heapKey = MemorySegment.ofArray(key);
        while (a >= head) {
            MemorySegment f = log.frame(a);
            long o = log.offset(a);
            long h = f.get(WORD, o);
            long lengths = f.get(WORD, o + 8);
            if (keyMatches(f, o, lengths, heapKey, key.length)) {
                if (Records.isTombstone(h)) {
                    return Status.NOT_FOUND;
                }
                bytesValue = valueOf(f, o, lengths);
                return Status.OK;
            }
            a = Records.previous(h);
        }
        if (a < HybridLog.BEGIN) {
            return Status.NOT_FOUND;
        }
        issue(new Pending(Pending.Kind.READ, 0, key.clone(), hash, es.address(), a, null, null, future));
        return Status.PENDING;
    }

    private static boolean keyMatches(MemorySegment f, long o, long lengths, MemorySegment heapKey, int len) {
        return Records.keyLength(lengths) == len
                && MemorySegment.mismatch(f, o + 16, o + 16 + len, heapKey, 0, len) == -1;
    }

    private static byte[] valueOf(MemorySegment f, long o, long lengths) {
        int kl = Records.keyLength(lengths);
        int vl = Records.valueLength(lengths);
        long vo = o + 16 + Records.pad(kl);
        if (vl == 8) {
            return Records.bigEndianBytes(Long.reverseBytes((long) Records.LONG.getVolatile(f, vo)));
        }
        byte[] out = new byte[vl];
        MemorySegment.copy(f, ValueLayout.JAVA_BYTE, vo, out, 0, vl);
        return out;
    }

    /** Inserts or replaces {@code key}'s value (copied into the log). */
    public Status upsert(byte[] key, byte[] val) {
        checkKey(key);
        checkValue(key, val);
        if (key.length == 8 && val.length == 8) {
            return upsert(Records.bigEndian(key, 0), Records.bigEndian(val, 0));
        }
        enter();
        try {
            upserts++;
            appendBytes(key, Records.hash(key), val, false);
            return Status.OK;
        } finally {
            exit();
        }
    }

    /** Deletes {@code key}: OK, or NOT_FOUND when it had no record at all. */
    public Status delete(byte[] key) {
        checkKey(key);
        if (key.length == 8) {
            return delete(Records.bigEndian(key, 0));
        }
        enter();
        try {
            deletes++;
            long hash = Records.hash(key);
            probes++;
            if (!index.find(hash, es)) {
                return Status.NOT_FOUND;
            }
            appendBytes(key, hash, null, true);
            return Status.OK;
        } finally {
            exit();
        }
    }

    /**
     * Read-modify-write of a byte value; the new value is always appended (copy on update).
     * PENDING when the current value is on disk.
     */
    public Status rmw(byte[] key, BytesRmw fn) {
        checkKey(key);
        enter();
        try {
            rmws++;
            return rmwBytes(key, Records.hash(key), fn, -1, null);
        } finally {
            exit();
        }
    }

    private Status rmwBytes(byte[] key, long hash, BytesRmw fn, long hintEntry, byte[] hintValue) {
        MemorySegment heapKey = MemorySegment.ofArray(key);
        probes++;
        index.findOrCreate(hash, es);
        outer:
        for (;;) {
            long a = es.address();
            long head = log.headAddress();
            byte[] old = null;
            boolean resolved = false;
            long r = a;
            while (r >= head) {
                MemorySegment f = log.frame(r);
                long o = log.offset(r);
                long h = (long) Records.LONG.getVolatile(f, o);
                if (newerVersionSeen(h)) {
                    shiftVersion(true);
                    index.reload(es);
                    continue outer;
                }
                long lengths = f.get(WORD, o + 8);
                if (keyMatches(f, o, lengths, heapKey, key.length)) {
                    if (r >= log.safeReadOnlyAddress() && lengths == Records.LONG_LENGTHS && !Records.isTombstone(h)
                            && (r < log.readOnlyAddress() ? waitForFuzzyRegion() : !sealedAndSettled(r, f, o, h))) {
                        continue outer; // the long path may be updating this value in place
                    }
                    old = Records.isTombstone(h) ? null : valueOf(f, o, lengths);
                    resolved = true;
                    break;
                }
                r = Records.previous(h);
            }
            if (!resolved && r >= HybridLog.BEGIN) {
                if (hintEntry == a) {
                    old = hintValue;
                } else {
                    if (version != store.currentVersion) {
                        shiftVersion(true);
                        index.reload(es);
                        continue;
                    }
                    issue(new Pending(Pending.Kind.RMW, 0, key.clone(), hash, a, r, null, fn, null));
                    outstandingRmws.incrementAndGet();
                    return Status.PENDING;
                }
            }
            byte[] next = fn.apply(old);
            if (next == null) {
                throw new InvalidArgumentException("the RMW function returned null: return a value (delete the key separately)");
            }
            checkValue(key, next);
            if (appendIfUnchanged(key, hash, next, false, a)) {
                bytesValue = next;
                return Status.OK;
            }
            hintEntry = -1;
        }
    }

    /**
     * For an RMW about to copy the record at {@code r} (header {@code h}, read before) from the
     * mutable region: true when its value is final ({@link Records#isSettled}). Otherwise seals it,
     * so the {@code long} path appends instead of updating it in place, waits until every operation
     * in flight when it was sealed has finished (an in-place update of it among them), marks it
     * settled, and returns false: the caller walks the chain again (the index is reloaded; the wait
     * moved this thread's epoch on, so the frames it read may have changed).
     */
    private boolean sealedAndSettled(long r, MemorySegment f, long o, long h) {
        if (Records.isSettled(h)) {
            return true;
        }
        if (Records.isSealed(h) || Records.LONG.compareAndSet(f, o, h, h | Records.SEALED)) {
            epoch.bumpAndWaitProtected(slot);
            if (r >= log.headAddress()) { // still in memory; once sealed only this bit changes the header
                Records.LONG.getAndBitwiseOr(f, o, Records.SETTLED);
            }
        }
        index.reload(es);
        return false;
    }

    /** Lets the fuzzy region {@code [safeReadOnly, readOnly)} settle a while; the caller walks the chain again. */
    private boolean waitForFuzzyRegion() {
        epoch.refresh(slot);
        Thread.onSpinWait();
        index.reload(es);
        return true;
    }

    private void appendBytes(byte[] key, long hash, byte[] val, boolean tombstone) {
        probes++;
        index.findOrCreate(hash, es);
        while (!appendIfUnchanged(key, hash, val, tombstone, es.address())) {
            Thread.onSpinWait();
        }
    }

    /** Appends a record and swings the chain head from {@code expected}; false (and reloaded) when it moved. */
    private boolean appendIfUnchanged(byte[] key, long hash, byte[] val, boolean tombstone, long expected) {
        long head = log.headAddress();
        if (expected >= head && expected >= HybridLog.BEGIN) {
            if (newerVersionSeen((long) Records.LONG.getVolatile(log.frame(expected), log.offset(expected)))) {
                shiftVersion(true);
                index.reload(es);
                return false;
            }
        } else if (expected >= HybridLog.BEGIN && version != store.currentVersion) {
            shiftVersion(true);
            index.reload(es);
            return false;
        }
        if (es.address() != expected) {
            return false;
        }
        int vl = val == null ? 0 : val.length;
        int size = Records.size(key.length, vl);
        long n = log.allocate(size, slot);
        MemorySegment f = log.frame(n);
        long o = log.offset(n);
        f.set(WORD, o + 8, Records.lengths(key.length, vl));
        MemorySegment.copy(key, 0, f, ValueLayout.JAVA_BYTE, o + 16, key.length);
        if (vl > 0) {
            MemorySegment.copy(val, 0, f, ValueLayout.JAVA_BYTE, o + 16 + Records.pad(key.length), vl);
        }
        Records.LONG.setVolatile(f, o, Records.header(expected, vbits(), tombstone));
        if (index.compareAndSwap(es, n)) {
            appended++;
            return true;
        }
        Records.invalidate(f, o);
        index.reload(es);
        return false;
    }

    private void checkKey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new InvalidArgumentException("key is " + (key == null ? "null" : "empty") + ": keys are non-empty byte arrays");
        }
        if (Records.size(key.length, 0) > log.maxRecordBytes()) {
            throw new InvalidArgumentException("key of " + key.length + " bytes does not fit a log page of "
                    + log.pageSize() + " bytes: open the store with larger pages");
        }
    }

    private void checkValue(byte[] key, byte[] val) {
        if (val == null) {
            throw new InvalidArgumentException("value is null: use delete() to remove a key");
        }
        if (Records.size(key.length, val.length) > log.maxRecordBytes()) {
            throw new InvalidArgumentException("record of " + (key.length + val.length) + " bytes does not fit a log page of "
                    + log.pageSize() + " bytes: open the store with larger pages (pageBits)");
        }
    }

    // ------------------------------------------------------------------ pending operations

    private void issue(Pending p) {
        pendingIssued++;
        if (p.future == null) {
            outstanding.add(p);
        }
        store.io.submit(this, p);
    }

    /**
     * Finishes pending operations whose disk reads are done (all of them, waiting, when
     * {@code wait}), handing results to the {@link Completion}. Returns true when none is left.
     */
    public boolean completePending(boolean wait) {
        boolean protectedHere = !resumed;
        if (protectedHere) {
            ensureOpen();
            activate();
            epoch.protect(slot);
        }
        try {
            return drainPending(wait);
        } finally {
            if (protectedHere) {
                epoch.unprotect(slot);
                state.set(SUSPENDED);
            }
        }
    }

    private boolean drainPending(boolean wait) {
        for (;;) {
            Pending p;
            while ((p = completed.poll()) != null) {
                outstanding.remove(p);
                finish(p);
            }
            if (outstanding.isEmpty() || !wait) {
                return outstanding.isEmpty();
            }
            epoch.refresh(slot);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private void finish(Pending p) {
        pendingCompleted++;
        if (p.error != null) {
            if (p.kind == Pending.Kind.RMW) {
                outstandingRmws.decrementAndGet();
            }
            throw new dev.oxistore.kv.StoreIOException("reading the log failed: " + p.error.getMessage(), p.error);
        }
        if (p.kind == Pending.Kind.READ) {
            completion.completed(p.keyBytes(), p.status, p.value);
            return;
        }
        Status s;
        byte[] written;
        try {
            if (p.key == null) {
                boolean found = p.status == Status.OK;
                long old = found ? Records.bigEndian(p.value, 0) : 0;
                s = rmwLong(p.longKey, p.hash, p.longRmw, p.entryAddress, found, old);
                written = s == Status.OK ? Records.bigEndianBytes(value) : null;
            } else {
                s = rmwBytes(p.key, p.hash, p.bytesRmw, p.entryAddress, p.status == Status.OK ? p.value : null);
                written = s == Status.OK ? bytesValue : null;
            }
        } finally {
            outstandingRmws.decrementAndGet();
        }
        if (s != Status.PENDING) {
            completion.completed(p.keyBytes(), s, written);
        }
    }

    /** Operations waiting for the disk. */
    public int pendingCount() {
        return outstanding.size();
    }

    // ------------------------------------------------------------------ scans

    /** Receives live records in {@link #forEachLive}. */
    @FunctionalInterface
    public interface RecordVisitor {
        /** A live key and its value (both fresh copies). */
        void visit(byte[] key, byte[] value);
    }

    /**
     * Visits every live record (the newest record of each key, unless a tombstone) by walking every
     * hash chain, reading on-disk records synchronously. O(records in the log); weakly consistent
     * under concurrent writes.
     */
    public void forEachLive(RecordVisitor visitor) {
        ensureOpen();
        activate();
        epoch.protect(slot);
        try {
            java.util.HashSet<ByteKey> seen = new java.util.HashSet<>();
            index.forEachAddress(a -> {
                seen.clear();
                long r = a;
                while (r >= HybridLog.BEGIN) {
                    long head = log.headAddress();
                    long h;
                    byte[] k;
                    byte[] v;
                    if (r >= head) {
                        MemorySegment f = log.frame(r);
                        long o = log.offset(r);
                        h = (long) Records.LONG.getVolatile(f, o);
                        long lengths = f.get(WORD, o + 8);
                        k = new byte[Records.keyLength(lengths)];
                        MemorySegment.copy(f, ValueLayout.JAVA_BYTE, o + 16, k, 0, k.length);
                        v = valueOf(f, o, lengths);
                    } else {
                        DiskRecord d = DiskRecord.read(log, r);
                        h = d.header();
                        k = d.key();
                        v = d.value();
                    }
                    if (!Records.isInvalid(h) && seen.add(new ByteKey(k)) && !Records.isTombstone(h)) {
                        visitor.visit(k, v);
                    }
                    r = Records.previous(h);
                }
                epoch.refresh(slot);
            });
        } finally {
            epoch.unprotect(slot);
            if (!resumed) {
                state.set(SUSPENDED);
            } else {
                epoch.protect(slot);
            }
        }
    }

    private record ByteKey(byte[] k) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey b && Arrays.equals(k, b.k);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(k);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Completes pending operations, leaves protection and unregisters the session. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (store.isOpen()) {
            completePending(true);
        }
        suspend();
        closed = true;
        store.retire(this);
        epoch.releaseSlot(slot);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Session[" + name + ", serial=" + serial + ", durable=" + durableSerial + ", version=" + version + "]";
    }
}
