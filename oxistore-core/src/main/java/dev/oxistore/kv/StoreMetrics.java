package dev.oxistore.kv;

import java.util.Map;

/**
 * Counters of a store since it was opened, read by {@link KvStore#metrics()}.
 *
 * @param reads        point reads ({@code get}, {@code contains}, each key of {@code getAll})
 * @param writes       puts and merges, including those in batches and transactions
 * @param deletes      deletes, including those in batches and transactions
 * @param scans        cursors opened
 * @param commits      transactions and batches committed
 * @param conflicts    transactions that failed with a write-write conflict
 * @param expired      entries removed because their time to live ran out
 * @param engine       engine-specific figures by name (cache hits, compactions, ...)
 */
public record StoreMetrics(long reads, long writes, long deletes, long scans, long commits,
                           long conflicts, long expired, Map<String, Long> engine) {

    /** Copies {@code engine} so the record stays immutable. */
    public StoreMetrics {
        engine = Map.copyOf(engine);
    }
}
