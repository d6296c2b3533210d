package dev.oxistore.kv;

/**
 * Optional parts of the contract. An engine lists what it offers in
 * {@link KvStore#capabilities()}; asking for anything else raises
 * {@link UnsupportedFeatureException}.
 */
public enum Capability {
    /** Data survives {@code close()} and process death (per the store's {@link Durability}). */
    PERSISTENT,
    /** {@link KvStore#begin()} and {@link KvStore#inTransaction}. */
    TRANSACTIONS,
    /** {@link KvStore#snapshot()}. */
    SNAPSHOTS,
    /** Per-key time to live. */
    TTL,
    /** {@link Keyspace#merge} with a configured {@link MergeOperator}. */
    MERGE,
    /** {@link Keyspace#watch}. */
    WATCH,
    /** Named keyspaces beyond the default one. */
    KEYSPACES,
    /** {@link KvStore#backup(java.nio.file.Path)}. */
    BACKUP,
    /** {@link KvStore#compact()} reclaims space. */
    COMPACTION,
    /** {@link KvStore#checkIntegrity()} verifies stored bytes. */
    INTEGRITY_CHECK,
    /** The store can be opened read-only. */
    READ_ONLY_OPEN
}
