package dev.oxistore.encrypt;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.spi.Merges;
import java.time.Duration;
import java.util.Optional;

/** Write steps shared by store keyspaces, batches and transactions. */
final class Writes {

    /** How often a merge or batch retries its inner transaction on a write-write conflict. */
    static final int ATTEMPTS = 1_000;

    private Writes() {
    }

    /**
     * Merges {@code operand} into {@code key} inside an inner transaction's view of a keyspace:
     * open the current value, apply the store's operator, seal the result, put it back keeping the
     * key's time to live. The transaction's commit makes the read-modify-write atomic.
     */
    static void merge(KvReadWriter txnSpace, Sealer sealer, String keyspace, byte[] key, byte[] operand) {
        byte[] current = txnSpace.get(key);
        byte[] existing = sealer.open(keyspace, key, current);
        byte[] merged = Merges.apply(sealer.config, key, existing, operand);
        Optional<Duration> ttl = current == null ? Optional.empty() : txnSpace.ttl(key);
        put(txnSpace, sealer.seal(keyspace, key, merged), key, ttl.orElse(null));
    }

    /** Puts an already sealed value, with {@code ttl} or (when null) without expiry. */
    static void put(KvReadWriter target, byte[] sealed, byte[] key, Duration ttl) {
        if (ttl == null) {
            target.put(key, sealed);
        } else {
            target.put(key, sealed, ttl);
        }
    }

    /**
     * Refuses merges on an inner store without transactions: decrypt, merge and re-seal must be
     * one atomic step that also keeps the expiry, which only a transaction gives.
     */
    static void requireTransactions(KvStore inner) {
        if (!inner.capabilities().contains(Capability.TRANSACTIONS)) {
            throw new UnsupportedFeatureException(Capability.MERGE, "merging through EncryptedKvStore needs an inner "
                    + "store with transactions (to decrypt, merge and re-seal atomically), and this "
                    + inner.kind() + " store has none: use an engine with Capability.TRANSACTIONS");
        }
    }
}
