package dev.oxistore.kv;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Read operations on one keyspace: of a store, a snapshot or a transaction.
 *
 * <p>Rules, for every implementation:
 * <ul>
 *   <li>A key is a non-empty byte array no longer than the store's
 *       {@link StoreConfig#maxKeySize()}; a null, empty or oversized key raises
 *       {@link InvalidArgumentException}.</li>
 *   <li>Keys order as unsigned lexicographic bytes ({@link Bytes#ORDER}).</li>
 *   <li>An expired key is absent to every read: {@code get}, {@code contains}, {@code getAll},
 *       scans, {@code count} and {@code ttl}.</li>
 *   <li>Returned arrays are copies owned by the caller.</li>
 *   <li>After the owner (store, snapshot, transaction) is closed, every method raises
 *       {@link StoreClosedException}.</li>
 * </ul>
 */
public interface KvReader {

    /** The value of {@code key}, or {@code null} when it is absent or expired. */
    byte[] get(byte[] key);

    /** True when {@code key} is present and not expired. */
    boolean contains(byte[] key);

    /**
     * The values of several keys, in the order of {@code keys}, with {@code null} where a key is
     * absent or expired. All values come from one consistent view.
     */
    List<byte[]> getAll(List<byte[]> keys);

    /**
     * A lazy cursor over the live entries in {@code range}, in the range's direction. Close it.
     *
     * @throws InvalidArgumentException when {@code range} is null
     */
    KvCursor scan(KeyRange range);

    /** The number of live (present, unexpired) keys. */
    long count();

    /**
     * The time {@code key} has left to live: empty when the key is absent, expired, or has no
     * expiry (use {@link #contains} to tell those apart).
     */
    Optional<Duration> ttl(byte[] key);
}
