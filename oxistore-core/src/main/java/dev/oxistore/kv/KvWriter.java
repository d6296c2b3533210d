package dev.oxistore.kv;

import java.time.Duration;

/**
 * Blind write operations on one keyspace, of a store or a transaction. Values are non-null byte
 * arrays (possibly empty) no longer than {@link StoreConfig#maxValueSize()}; the store copies
 * them, so the caller may reuse its arrays.
 */
public interface KvWriter {

    /** Sets {@code key} to {@code value}, with no expiry (any previous expiry is cleared). */
    void put(byte[] key, byte[] value);

    /**
     * Sets {@code key} to {@code value}, expiring after {@code ttl}.
     *
     * @throws InvalidArgumentException when {@code ttl} is null, zero or negative
     * @throws UnsupportedFeatureException when the engine lacks {@link Capability#TTL}
     */
    void put(byte[] key, byte[] value, Duration ttl);

    /**
     * Removes {@code key}; removing an absent key does nothing. Blind by design (no read), so
     * log-structured engines can write a tombstone without a lookup.
     */
    void delete(byte[] key);

    /**
     * Combines {@code operand} into the value of {@code key} with the store's
     * {@link MergeOperator}. Merging into an absent key passes {@code null} as the existing value
     * and creates the key without expiry; merging into a live key keeps its expiry.
     *
     * @throws UnsupportedFeatureException when no merge operator is configured
     * @throws InvalidArgumentException when the merge operator throws (the value is unchanged)
     */
    void merge(byte[] key, byte[] operand);
}
