package dev.oxistore.kv.lsm;

import dev.oxistore.kv.lsm.format.InternalKey;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sorted in-memory table of internal keys ({@link InternalKey#ORDER}): lock-free reads and
 * inserts. Frozen (made immutable) when it reaches the memtable size, then flushed to a level-0
 * table by the background flusher.
 */
final class Memtable {

    final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(InternalKey.ORDER);
    private final AtomicLong bytes = new AtomicLong();
    /** The log that the next memtable writes to: once this one is flushed, older logs are obsolete. */
    volatile long nextLogNumber;
    /** The last sequence number written to it (set when frozen): flushed only once that is visible. */
    volatile long maxSeq;

    void add(byte[] ikey, byte[] value) {
        map.put(ikey, value == null ? new byte[0] : value);
        bytes.addAndGet(ikey.length + (value == null ? 0 : value.length) + 48);
    }

    long bytes() {
        return bytes.get();
    }

    boolean isEmpty() {
        return map.isEmpty();
    }
}
