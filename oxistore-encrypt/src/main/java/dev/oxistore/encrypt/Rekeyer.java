package dev.oxistore.encrypt;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.TxnConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Re-keying and key-usage scans over the inner store. Both read only headers (key version and
 * algorithm, bytes 0-5) to decide; re-keying then unwraps each data key under its old version and
 * wraps it under the primary, leaving the value's ciphertext as it is.
 *
 * <p>Crash safety: each chunk (or, under write contention, each piece of it) is re-read and
 * re-written inside one inner transaction, which commits all of it or none; without transactions
 * each value is one compare-and-set. Either way a
 * value is at every moment fully under its old version or fully under the new one, and both stay
 * in the keyring until {@link EncryptedKvStore#retire} proves the old one unused. A new run
 * simply scans again: values already under the primary are skipped, so runs are idempotent and
 * pick up where a crashed one stopped without any progress marker.
 */
final class Rekeyer {

    /** Values re-wrapped per inner transaction. */
    static final int CHUNK = 256;
    /** Conflicts a chunk's transaction may meet before the chunk is split. */
    private static final int SPLIT_AFTER = 4;

    private final KvStore inner;
    private final Sealer sealer;

    Rekeyer(KvStore inner, Sealer sealer) {
        this.inner = inner;
        this.sealer = sealer;
    }

    RekeyResult run(int chunk, LongConsumer afterChunk) {
        Kek target = sealer.keys().primaryKek();
        boolean transactional = inner.capabilities().contains(Capability.TRANSACTIONS);
        long[] counts = new long[4]; // scanned, rewrapped, current, skipped
        for (String name : inner.keyspaces()) {
            if (name.equals(KeyMetadata.KEYSPACE)) {
                continue;
            }
            Keyspace space = inner.keyspace(name);
            List<byte[]> pending = new ArrayList<>();
            try (KvCursor c = space.scan(KeyRange.all())) {
                while (c.hasNext()) {
                    KvEntry e = c.next();
                    counts[0]++;
                    Integer version = versionOf(name, e);
                    if (version == null) {
                        counts[3]++; // unreadable header: nothing to re-wrap; checkIntegrity reports it
                    } else if (version == target.version()) {
                        counts[2]++;
                    } else {
                        pending.add(e.key());
                        if (pending.size() >= chunk) {
                            flush(name, space, pending, target, transactional, counts);
                            afterChunk.accept(counts[1]);
                        }
                    }
                }
            }
            if (!pending.isEmpty()) {
                flush(name, space, pending, target, transactional, counts);
                afterChunk.accept(counts[1]);
            }
        }
        return new RekeyResult(counts[0], counts[1], counts[2], counts[3], target.version());
    }

    /** Live values per key version, from headers alone. */
    SortedMap<Integer, Long> usage() {
        SortedMap<Integer, Long> out = new TreeMap<>();
        for (String name : inner.keyspaces()) {
            if (name.equals(KeyMetadata.KEYSPACE)) {
                continue;
            }
            try (KvCursor c = inner.keyspace(name).scan(KeyRange.all())) {
                while (c.hasNext()) {
                    Integer version = versionOf(name, c.next());
                    if (version != null) {
                        out.merge(version, 1L, Long::sum);
                    }
                }
            }
        }
        return out;
    }

    private void flush(String name, Keyspace space, List<byte[]> keys, Kek target, boolean transactional, long[] counts) {
        if (transactional) {
            long[] done = rewrapInTransactions(name, keys, target);
            counts[1] += done[0];
            counts[3] += done[1];
        } else {
            for (byte[] key : keys) {
                for (;;) {
                    byte[] current = space.get(key);
                    Integer version = current == null ? null : versionOf(name, new KvEntry(key, current));
                    if (version == null || version == target.version()) {
                        break;
                    }
                    // A compare-and-set clears expiry, so an expiring value cannot be re-wrapped
                    // atomically here; it stays under its old version until it expires or is rewritten.
                    byte[] next = space.ttl(key).isPresent() ? null : rewrapOrNull(name, key, current, target);
                    if (next == null) {
                        counts[3]++;
                        break;
                    }
                    if (space.compareAndSet(key, current, next)) {
                        counts[1]++;
                        break;
                    }
                }
            }
        }
        keys.clear();
    }

    /**
     * Re-wraps {@code keys} in one inner transaction. Under heavy writing a large chunk keeps
     * conflicting (any write to any of its keys fails it), so after a few conflicts it splits in
     * halves, down to one key per transaction, which a writer can only delay, not starve.
     *
     * @return values re-wrapped, values skipped
     */
    private long[] rewrapInTransactions(String name, List<byte[]> keys, Kek target) {
        try {
            return inner.inTransaction(keys.size() == 1 ? Writes.ATTEMPTS : SPLIT_AFTER, txn -> {
                KvReadWriter view = txn.keyspace(name);
                long[] n = new long[2];
                for (byte[] key : keys) {
                    // Re-read inside the transaction: what the scan saw may have changed since.
                    byte[] current = view.get(key);
                    Integer version = current == null ? null : versionOf(name, new KvEntry(key, current));
                    if (version == null || version == target.version()) {
                        continue;
                    }
                    byte[] next = rewrapOrNull(name, key, current, target);
                    if (next == null) {
                        n[1]++;
                        continue;
                    }
                    Optional<Duration> ttl = view.ttl(key);
                    Writes.put(view, next, key, ttl.orElse(null));
                    n[0]++;
                }
                return n;
            });
        } catch (TxnConflictException e) {
            if (keys.size() == 1) {
                throw e;
            }
            int half = keys.size() / 2;
            long[] first = rewrapInTransactions(name, keys.subList(0, half), target);
            long[] second = rewrapInTransactions(name, keys.subList(half, keys.size()), target);
            return new long[] {first[0] + second[0], first[1] + second[1]};
        }
    }

    private byte[] rewrapOrNull(String name, byte[] key, byte[] value, Kek target) {
        try {
            return sealer.rewrap(name, key, value, target);
        } catch (CorruptionException e) {
            return null; // its data key does not authenticate: re-wrapping cannot help; checkIntegrity reports it
        }
    }

    private static Integer versionOf(String name, KvEntry e) {
        try {
            return Envelope.header(e.value(), name, e.key()).version();
        } catch (CorruptionException ex) {
            return null;
        }
    }
}
