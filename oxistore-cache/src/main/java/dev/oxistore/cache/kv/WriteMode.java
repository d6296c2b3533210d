package dev.oxistore.cache.kv;

/** How a {@link CachedKvStore} treats writes. Reads are read-through in every mode. */
public enum WriteMode {
    /**
     * Writes go to the inner store and drop the key from the cache (write-around); the next read
     * loads it. Best when written keys are rarely read back soon.
     */
    READ_THROUGH,
    /** Writes go to the inner store, then put the new value in the cache. */
    WRITE_THROUGH,
    /**
     * Puts and deletes are buffered in a bounded dirty set (and the cache) and written to the
     * inner store later, in one atomic batch per flush; see {@link CachedKvStore} for the bound
     * on what a crash can lose.
     */
    WRITE_BACK
}
