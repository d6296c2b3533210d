package dev.oxistore.kv.hlog.store;

/**
 * A snapshot of a store's counters and log regions.
 *
 * @param reads completed reads
 * @param upserts completed upserts
 * @param rmws completed read-modify-writes
 * @param deletes completed deletes
 * @param inPlaceUpdates writes done in the mutable region without appending
 * @param copyUpdates writes that appended a new record (read-copy-update or new key)
 * @param pendingIssued operations that went to disk
 * @param pendingCompleted disk operations completed
 * @param indexProbes index lookups: one per read (counted as a read, not separately) plus those of
 *                    upserts, deletes and read-modify-writes
 * @param indexOverflowBuckets overflow buckets allocated
 * @param checkpoints checkpoints completed since open
 * @param beginAddress first log address
 * @param headAddress lowest in-memory address
 * @param safeReadOnlyAddress below it no thread updates in place
 * @param readOnlyAddress below it records are copied on update
 * @param tailAddress next address to allocate
 * @param flushedUntil below it the log is on disk
 * @param memoryBytes the log's memory budget
 */
public record HlogStats(long reads, long upserts, long rmws, long deletes, long inPlaceUpdates, long copyUpdates,
                        long pendingIssued, long pendingCompleted, long indexProbes, long indexOverflowBuckets,
                        long checkpoints, long beginAddress, long headAddress, long safeReadOnlyAddress,
                        long readOnlyAddress, long tailAddress, long flushedUntil, long memoryBytes) {

    /** Bytes of log in memory (tail - head). */
    public long inMemoryBytes() {
        return tailAddress - headAddress;
    }

    /** Bytes of log only on disk (head - begin). */
    public long onDiskOnlyBytes() {
        return Math.max(0, headAddress - beginAddress);
    }

    /** Bytes of the mutable region (tail - readOnly). */
    public long mutableBytes() {
        return tailAddress - readOnlyAddress;
    }
}
