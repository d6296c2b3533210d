package dev.oxistore.kv;

/**
 * A point-in-time view of a whole store, across all its keyspaces, taken when
 * {@link KvStore#snapshot()} returned. Later writes are invisible to it; it copies no data
 * (engines pin a version). Expiry is still judged against the store's clock at read time, so a
 * key whose time runs out while the snapshot is open disappears from it.
 *
 * <p>Close it (try-with-resources) so the engine can reclaim old versions; closing twice is
 * harmless; reads after {@code close()} raise {@link StoreClosedException}. Thread-safe.
 */
public interface KvSnapshot extends KvReader, AutoCloseable {

    /**
     * The same snapshot's view of {@code name}; a keyspace that did not exist when the snapshot
     * was taken reads as empty, and one dropped after it was taken still reads as it was.
     */
    KvReader keyspace(String name);

    /** Releases the snapshot. */
    @Override
    void close();
}
