package dev.oxistore.bench.driver;

/**
 * One open store under benchmark, as every engine and peer is driven: byte-array keys in unsigned
 * lexicographic order, byte-array values. Implementations are thread-safe (several benchmark
 * threads share one driver) and do the least work the store's own documentation recommends for
 * the operation: no copies the store does not make itself, no extra checks.
 */
public interface Driver extends AutoCloseable {

    /** Writes {@code value} under {@code key}, as durable as the {@link DriverConfig} asked. */
    void put(byte[] key, byte[] value);

    /** The value under {@code key}, or null. */
    byte[] get(byte[] key);

    /** Removes {@code key} (absent keys are fine). */
    void delete(byte[] key);

    /**
     * Positions at the first key at or after {@code from} and reads up to {@code count} entries
     * (key and value) in key order; returns how many it read.
     *
     * @throws UnsupportedOperationException when the store is not ordered ({@link Peer#ordered()})
     */
    int seek(byte[] from, int count);

    /**
     * Reads every entry (key and value) in key order, or in reverse; returns how many.
     *
     * @throws UnsupportedOperationException when the store is not ordered, or cannot iterate backwards
     */
    long scanAll(boolean reverse);

    /**
     * Writes to disk whatever the store buffered (a memtable, uncommitted pages), so the bytes a
     * benchmark caused to be written can be counted; the runner calls it after a writing benchmark,
     * outside the timed part. A no-op for stores that buffer nothing.
     */
    void flush();

    /** Closes the store, writing what it buffered. */
    @Override
    void close();
}
