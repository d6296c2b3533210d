package dev.oxistore.kv.spi;

import dev.oxistore.kv.StoreMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counters behind {@link StoreMetrics}, cheap to bump from many threads ({@link LongAdder}).
 * Engines count: a read per point lookup (each key of {@code getAll}), a write per put or merge
 * and a delete per delete (including those of batches and transactions), a scan per cursor, a
 * commit per batch or transaction, a conflict per failed transaction, and the entries removed by
 * expiry. Engine-specific figures are named counters or gauges read at {@link #snapshot()}.
 */
public final class MetricsRecorder {

    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder scans = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    /** Creates a recorder with every counter at zero. */
    public MetricsRecorder() {
    }

    /** Counts one point read. */
    public void read() {
        reads.increment();
    }

    /** Counts {@code n} point reads. */
    public void reads(long n) {
        reads.add(n);
    }

    /** Counts one put or merge. */
    public void write() {
        writes.increment();
    }

    /** Counts {@code n} puts or merges. */
    public void writes(long n) {
        writes.add(n);
    }

    /** Counts one delete. */
    public void delete() {
        deletes.increment();
    }

    /** Counts {@code n} deletes. */
    public void deletes(long n) {
        deletes.add(n);
    }

    /** Counts one cursor opened. */
    public void scan() {
        scans.increment();
    }

    /** Counts one batch or transaction committed. */
    public void commit() {
        commits.increment();
    }

    /** Counts one transaction that failed with a write-write conflict. */
    public void conflict() {
        conflicts.increment();
    }

    /** Counts {@code n} entries removed because their time to live ran out. */
    public void expired(long n) {
        expired.add(n);
    }

    /** Adds {@code delta} to the engine-specific counter {@code name}. */
    public void add(String name, long delta) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(delta);
    }

    /** Registers an engine-specific figure computed when metrics are read (replacing any earlier one). */
    public void gauge(String name, LongSupplier supplier) {
        gauges.put(name, supplier);
    }

    /** The counters now; engine figures sorted by name. */
    public StoreMetrics snapshot() {
        Map<String, Long> engine = new TreeMap<>();
        counters.forEach((k, v) -> engine.put(k, v.sum()));
        gauges.forEach((k, v) -> engine.put(k, v.getAsLong()));
        return new StoreMetrics(reads.sum(), writes.sum(), deletes.sum(), scans.sum(), commits.sum(),
                conflicts.sum(), expired.sum(), engine);
    }
}
