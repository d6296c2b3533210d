package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.StoreConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link KvReader} of one keyspace over a {@link ReadView}, optionally with a transaction's
 * buffered writes laid over it (read-your-writes). Validates keys, counts reads and scans, reads
 * the clock once per operation and hands out copies. Used by {@link ViewSnapshot} and
 * {@link SnapshotTxn}; thread-safe exactly when the overlay is absent.
 */
public final class ViewReader implements KvReader {

    private final ReadView view;
    private final TxnWriteSet overlay;
    private final String keyspace;
    private final StoreConfig config;
    private final InstantSource clock;
    private final MetricsRecorder metrics;
    private final Lifecycle owner;
    private final KeyspaceChecks checks;

    /**
     * A reader of {@code keyspace}.
     *
     * @param view     the engine's point-in-time view
     * @param overlay  buffered writes to lay over the view, or {@code null}
     * @param keyspace the keyspace read (already validated)
     * @param config   the store's configuration (limits, clock)
     * @param metrics  where reads and scans are counted
     * @param owner    the snapshot or transaction; reads raise once it or its store is closed
     */
    public ViewReader(ReadView view, TxnWriteSet overlay, String keyspace, StoreConfig config,
                      MetricsRecorder metrics, Lifecycle owner) {
        this.view = view;
        this.overlay = overlay;
        this.keyspace = keyspace;
        this.config = config;
        this.clock = config.clock();
        this.metrics = metrics;
        this.owner = owner;
        this.checks = new KeyspaceChecks(config, owner);
    }

    /** The keyspace this reader reads. */
    public String keyspace() {
        return keyspace;
    }

    private TimedValue lookup(byte[] key, long now) {
        return overlay == null ? view.read(keyspace, key, now) : overlay.lookup(keyspace, key, view, now);
    }

    @Override
    public byte[] get(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        TimedValue v = lookup(key, clock.millis());
        return v == null ? null : v.value().clone();
    }

    @Override
    public boolean contains(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        return lookup(key, clock.millis()) != null;
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        checks.beforeReadAll(keys);
        metrics.reads(keys.size());
        long now = clock.millis();
        List<byte[]> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            TimedValue v = lookup(key, now);
            out.add(v == null ? null : v.value().clone());
        }
        return out;
    }

    @Override
    public KvCursor scan(KeyRange range) {
        checks.beforeScan(range);
        metrics.scan();
        long now = clock.millis();
        KvCursor base = view.scan(keyspace, range, now, owner);
        if (overlay == null || !overlay.hasWrites(keyspace)) {
            return base;
        }
        return new OverlayCursor(base, overlay, keyspace, range, now, owner);
    }

    @Override
    public long count() {
        owner.ensureOpen();
        long now = clock.millis();
        long n = view.count(keyspace, now);
        return overlay == null ? n : n + overlay.countDelta(keyspace, view, now);
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        checks.beforeRead(key);
        long now = clock.millis();
        TimedValue v = lookup(key, now);
        return v == null ? Optional.empty() : Expiry.remaining(v.expiresAt(), now);
    }
}
