package dev.oxistore.kv.hlog.index;

import dev.oxistore.kv.CapacityExceededException;
import dev.oxistore.kv.InvalidArgumentException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * FASTER's latch-free hash index: an off-heap array of 64-byte (cache-line) buckets, each seven
 * 8-byte entries and one overflow word linking to an overflow bucket. An entry is
 * {@code tentative(1) | tag(15, never 0) | address(48)}: the tag is 15 more bits of the key's hash so a
 * probe rarely follows a chain of another key; the address is the newest log record of the chain
 * of keys sharing bucket and tag; the tentative bit marks an entry being inserted.
 *
 * <p>Insertion is two-phase and latch-free: CAS a free entry to {@code tag | TENTATIVE}, rescan
 * the bucket chain for another entry with the same tag; if there is one, back off and retry, else
 * clear the tentative bit. Thus at most one visible entry per (bucket, tag). Entries are never
 * removed in this version (the log is never compacted yet).
 */
public final class HashIndex implements AutoCloseable {

    /** Mask of the 48-bit log address in an entry. */
    public static final long ADDRESS_MASK = (1L << 48) - 1;
    static final long TENTATIVE = 1L << 63;
    static final int TAG_SHIFT = 48;
    static final long TAG_MASK = 0x7FFFL;
    static final int BUCKET_BYTES = 64;
    static final int ENTRIES = 7;
    static final long OVERFLOW_OFFSET = 56;
    private static final int CHUNK_BITS = 12; // 4096 overflow buckets (256 KiB) per chunk
    private static final int MAX_CHUNKS = 1 << 14;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment table;
    private final long bucketMask;
    private final AtomicReferenceArray<MemorySegment> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private final AtomicLong overflowAllocated = new AtomicLong(); // overflow bucket ids are 1-based
    private final AtomicLong probes = new AtomicLong();

    /**
     * Allocates an index of {@code buckets} main buckets.
     *
     * @throws InvalidArgumentException unless {@code buckets} is a power of two of at least 2
     */
    public HashIndex(long buckets) {
        if (buckets < 2 || Long.bitCount(buckets) != 1) {
            throw new InvalidArgumentException("index buckets must be a power of two >= 2, got " + buckets);
        }
        this.table = arena.allocate(buckets * BUCKET_BYTES, BUCKET_BYTES);
        this.bucketMask = buckets - 1;
    }

    /** Main buckets. */
    public long buckets() {
        return bucketMask + 1;
    }

    /** Overflow buckets allocated so far. */
    public long overflowBuckets() {
        return overflowAllocated.get();
    }

    /** Probe counter (entries read by lookups); approximate under contention. */
    public long probes() {
        return probes.get();
    }

    /** Records {@code n} probes (sessions count locally and add in batches). */
    public void addProbes(long n) {
        probes.addAndGet(n);
    }

    static long tagOf(long hash) {
        long tag = (hash >>> TAG_SHIFT) & TAG_MASK;
        return tag == 0 ? 1 : tag; // 0 would look like an empty entry
    }

    private MemorySegment overflowSegment(long id) {
        return chunks.get(chunkOf(id));
    }

    /** The slot of the main bucket where a key's entry is looked for first, uniform in [0, 7). */
    private static int home(long hash) {
        return (int) (((hash >>> 32) & 0xFFFF) * ENTRIES >>> 16);
    }

    private static int chunkOf(long overflowId) {
        return (int) ((overflowId - 1) >>> CHUNK_BITS);
    }

    private MemorySegment segmentOf(EntrySlot slot) {
        return slot.chunk < 0 ? table : chunks.get(slot.chunk);
    }

    private static long overflowOffset(long id) {
        return ((id - 1) & ((1L << CHUNK_BITS) - 1)) * BUCKET_BYTES;
    }

    /**
     * All ones when {@code w} is a visible entry with {@code tag}, else 0, without a branch: the top
     * 16 bits xor the tag are 0 only for a match, and subtracting 1 makes only that negative. C2
     * compiles {@code cond ? w : found} in the scan to a branch per slot (the profile says each is
     * rarely taken), which mispredicts once per lookup and, depending on the line still in flight,
     * stalls everything after it; arithmetic keeps the next lookups' loads going.
     */
    static long matchMask(long w, long tag) {
        return (((w >>> TAG_SHIFT) ^ tag) - 1) >> 63;
    }

    /**
     * The visible entry for {@code hash} if it is in its main bucket (plain loads and a branch-free
     * scan of the line), else 0, also when it may be in an overflow bucket.
     * Fence with {@code VarHandle.acquireFence()} before reading the record it points to. A read's
     * fast path: no slot bookkeeping and no overflow loop, so it stays small enough to inline.
     */
    public long mainEntry(long hash) {
        long tag = tagOf(hash);
        // a 64-byte slice: one bounds check for the line instead of one per entry (the JIT
        // scalar-replaces the slice, so nothing is allocated)
        MemorySegment bucket = table.asSlice((hash & bucketMask) * BUCKET_BYTES, BUCKET_BYTES);
        // y = w ^ key maps a visible entry with this tag to [MIN, MIN + 2^48) and every other word
        // (empty, other tag, tentative) above it, so the match, if any, is the minimum; Math.min
        // compiles to cmp + cmov: three instructions per entry waiting for the line, not six
        long key = Long.MIN_VALUE | (tag << TAG_SHIFT);
        long min = Long.MAX_VALUE;
        for (int i = 0; i < ENTRIES; i++) {
            min = Math.min(min, bucket.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L) ^ key);
        }
        long y = min ^ Long.MIN_VALUE; // below 2^48 exactly when min is a match
        return (min ^ key) & (((y >>> TAG_SHIFT) - 1) >> 63);
    }

    /**
     * Finds the visible entry for {@code hash}'s bucket and tag; fills {@code slot} and returns true,
     * or returns false when there is none.
     */
    public boolean find(long hash, EntrySlot slot) {
        long tag = tagOf(hash);
        MemorySegment seg = table;
        int chunk = -1;
        long base = (hash & bucketMask) * BUCKET_BYTES;
        // An entry is inserted at the first free slot from its key's home slot, so the home slot
        // usually holds it: one load and a well-predicted branch before the full scan.
        long homeOff = base + home(hash) * 8L;
        long homeWord = table.get(ValueLayout.JAVA_LONG_UNALIGNED, homeOff);
        if ((homeWord >>> TAG_SHIFT) == tag) {
            VarHandle.acquireFence();
            slot.chunk = -1;
            slot.offset = homeOff;
            slot.word = homeWord;
            return true;
        }
        for (;;) {
            // plain loads of one cache line and a branch-free select: the matching slot varies, so a
            // branch per entry would mispredict and stall on the miss. A tag is never 0 and a
            // tentative entry has bit 63 set, so the top 16 bits equal the tag only for a visible match.
            long found = 0;
            long foundOff = 0;
            for (int i = 0; i < ENTRIES; i++) {
                long off = base + i * 8L;
                long w = seg.get(ValueLayout.JAVA_LONG_UNALIGNED, off); // aligned; skips the alignment check
                long match = matchMask(w, tag);
                found |= w & match;
                foundOff |= off & match;
            }
            if (found != 0) {
                VarHandle.acquireFence(); // the record was written before the entry's CAS published it
                slot.chunk = chunk;
                slot.offset = foundOff;
                slot.word = found;
                return true;
            }
            long next = seg.get(ValueLayout.JAVA_LONG, base + OVERFLOW_OFFSET);
            if (next == 0) {
                return false;
            }
            chunk = chunkOf(next);
            seg = chunks.get(chunk);
            base = overflowOffset(next);
        }
    }

    /**
     * Finds or creates the entry for {@code hash}'s bucket and tag (a new entry has address 0) and
     * fills {@code slot}.
     */
    public void findOrCreate(long hash, EntrySlot slot) {
        long tag = tagOf(hash);
        for (int attempt = 0; ; attempt++) {
            if (find(hash, slot)) {
                return;
            }
            if (tryInsert(hash, tag, slot)) {
                return;
            }
            Thread.onSpinWait();
            if (attempt > 64) {
                Thread.yield();
            }
        }
    }

    private boolean tryInsert(long hash, long tag, EntrySlot slot) {
        MemorySegment seg = table;
        int chunk = -1;
        long base = (hash & bucketMask) * BUCKET_BYTES;
        int first = home(hash);
        for (;;) {
            for (int j = 0; j < ENTRIES; j++) {
                int i = j + first < ENTRIES ? j + first : j + first - ENTRIES;
                long off = base + i * 8L;
                if ((long) LONG.getVolatile(seg, off) == 0) {
                    long tentative = TENTATIVE | (tag << TAG_SHIFT);
                    if (!LONG.compareAndSet(seg, off, 0L, tentative)) {
                        return false;
                    }
                    if (hasOtherWithTag(hash, tag, seg, off)) {
                        LONG.setVolatile(seg, off, 0L);
                        return false;
                    }
                    long w = tag << TAG_SHIFT;
                    LONG.setVolatile(seg, off, w);
                    slot.chunk = chunk;
                    slot.offset = off;
                    slot.word = w;
                    return true;
                }
            }
            long overflowWord = base + OVERFLOW_OFFSET;
            long next = (long) LONG.getVolatile(seg, overflowWord);
            if (next == 0) {
                long id = allocateOverflow();
                if (!LONG.compareAndSet(seg, overflowWord, 0L, id)) {
                    next = (long) LONG.getVolatile(seg, overflowWord); // lost the race: the id leaks (rare, 64 bytes)
                } else {
                    next = id;
                }
            }
            chunk = chunkOf(next);
            seg = chunks.get(chunk);
            base = overflowOffset(next);
        }
    }

    private boolean hasOtherWithTag(long hash, long tag, MemorySegment mine, long mineOff) {
        MemorySegment seg = table;
        long base = (hash & bucketMask) * BUCKET_BYTES;
        for (;;) {
            for (int i = 0; i < ENTRIES; i++) {
                long off = base + i * 8L;
                if (seg == mine && off == mineOff) {
                    continue;
                }
                long w = (long) LONG.getVolatile(seg, off);
                if (w != 0 && ((w >>> TAG_SHIFT) & TAG_MASK) == tag) {
                    return true;
                }
            }
            long next = (long) LONG.getVolatile(seg, base + OVERFLOW_OFFSET);
            if (next == 0) {
                return false;
            }
            seg = overflowSegment(next);
            base = overflowOffset(next);
        }
    }

    private long allocateOverflow() {
        long id = overflowAllocated.incrementAndGet();
        int chunk = (int) ((id - 1) >>> CHUNK_BITS);
        if (chunk >= MAX_CHUNKS) {
            throw new CapacityExceededException("hash index overflow exhausted: open the store with more index buckets");
        }
        if (chunks.get(chunk) == null) {
            synchronized (chunks) {
                if (chunks.get(chunk) == null) {
                    chunks.set(chunk, arena.allocate((long) BUCKET_BYTES << CHUNK_BITS, BUCKET_BYTES));
                }
            }
        }
        return id;
    }

    /**
     * Replaces the entry in {@code slot} with {@code address} (tag kept) if it still holds the word
     * last read; on success {@code slot} holds the new word.
     */
    public boolean compareAndSwap(EntrySlot slot, long address) {
        long next = (slot.word & ~ADDRESS_MASK) | address;
        if (LONG.compareAndSet(segmentOf(slot), slot.offset, slot.word, next)) {
            slot.word = next;
            return true;
        }
        return false;
    }

    /** Re-reads the entry in {@code slot}. */
    public void reload(EntrySlot slot) {
        slot.word = (long) LONG.getVolatile(segmentOf(slot), slot.offset);
    }

    // ------------------------------------------------------------------ visiting and checkpoints

    /** Receives every visible entry's address. */
    @FunctionalInterface
    public interface AddressVisitor {
        /** Called with a non-zero chain-head address. */
        void visit(long address);
    }

    /** Visits every visible entry's chain head (a fuzzy view under concurrent updates). */
    public void forEachAddress(AddressVisitor visitor) {
        for (long b = 0; b <= bucketMask; b++) {
            MemorySegment seg = table;
            long base = b * BUCKET_BYTES;
            for (;;) {
                for (int i = 0; i < ENTRIES; i++) {
                    long w = (long) LONG.getVolatile(seg, base + i * 8L);
                    if (w != 0 && (w & TENTATIVE) == 0 && (w & ADDRESS_MASK) != 0) {
                        visitor.visit(w & ADDRESS_MASK);
                    }
                }
                long next = (long) LONG.getVolatile(seg, base + OVERFLOW_OFFSET);
                if (next == 0) {
                    break;
                }
                seg = overflowSegment(next);
                base = overflowOffset(next);
            }
        }
    }

    /**
     * Writes the index (a fuzzy copy under concurrent updates; tentative entries are dropped) to
     * {@code ch} from position 0: main table then overflow buckets. Returns the CRC32C of the bytes
     * written.
     */
    public long writeTo(FileChannel ch, long overflow) throws IOException {
        CRC32C crc = new CRC32C();
        long pos = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16).order(java.nio.ByteOrder.nativeOrder());
        long totalBuckets = buckets() + overflow;
        for (long b = 0; b < totalBuckets; b++) {
            MemorySegment seg = b <= bucketMask ? table : overflowSegment(b - bucketMask);
            long base = b <= bucketMask ? b * BUCKET_BYTES : overflowOffset(b - bucketMask);
            if (seg == null) {
                seg = null; // an id allocated but not yet backed: write an empty bucket
            }
            for (int i = 0; i < 8; i++) {
                long w = seg == null ? 0 : (long) LONG.getVolatile(seg, base + i * 8L);
                if (i < ENTRIES && (w & TENTATIVE) != 0) {
                    w = 0;
                }
                if (i == ENTRIES && w > overflow) {
                    w = 0; // an overflow bucket linked after we sampled the count: its entries are replayed
                }
                buf.putLong(w);
            }
            if (!buf.hasRemaining()) {
                buf.flip();
                crc.update(buf.duplicate());
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                buf.clear();
            }
        }
        buf.flip();
        crc.update(buf.duplicate());
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
        return crc.getValue();
    }

    /** Bytes {@link #writeTo} writes with {@code overflow} overflow buckets. */
    public long checkpointBytes(long overflow) {
        return (buckets() + overflow) * BUCKET_BYTES;
    }

    /** Overflow buckets {@link #writeTo} would write now. */
    public long overflowForCheckpoint() {
        return overflowAllocated.get();
    }

    /**
     * Loads an index written by {@link #writeTo} into this (empty) index; returns the CRC32C of the
     * bytes read.
     */
    public long readFrom(FileChannel ch, long overflow) throws IOException {
        CRC32C crc = new CRC32C();
        for (long i = 1; i <= overflow; i++) {
            allocateOverflow();
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(BUCKET_BYTES).order(java.nio.ByteOrder.nativeOrder());
        long totalBuckets = buckets() + overflow;
        long pos = 0;
        for (long b = 0; b < totalBuckets; b++) {
            buf.clear();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos + buf.position());
                if (n < 0) {
                    throw new IOException("index checkpoint is truncated at bucket " + b);
                }
            }
            buf.flip();
            crc.update(buf.duplicate());
            MemorySegment seg = b <= bucketMask ? table : overflowSegment(b - bucketMask);
            long base = b <= bucketMask ? b * BUCKET_BYTES : overflowOffset(b - bucketMask);
            for (int i = 0; i < 8; i++) {
                LONG.setVolatile(seg, base + i * 8L, buf.getLong());
            }
            pos += BUCKET_BYTES;
        }
        return crc.getValue();
    }

    /** Sets the entry for {@code hash} to {@code address} when it is newer (recovery replay). */
    public void raiseTo(long hash, long address, EntrySlot slot) {
        findOrCreate(hash, slot);
        while (slot.address() < address && !compareAndSwap(slot, address)) {
            reload(slot);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
