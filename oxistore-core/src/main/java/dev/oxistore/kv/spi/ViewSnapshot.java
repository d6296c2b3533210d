package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link KvSnapshot} over an engine's pinned {@link ReadView}: the engine pins a version, this
 * class does the rest (argument checks, copies, metrics, closed-state, keyspace views) and runs
 * the engine's release action exactly once on {@link #close()}. Thread-safe.
 */
public final class ViewSnapshot implements KvSnapshot {

    private final ReadView view;
    private final StoreConfig config;
    private final MetricsRecorder metrics;
    private final Lifecycle life;
    private final Runnable release;
    private final ViewReader defaultReader;

    /**
     * A snapshot over {@code view}.
     *
     * @param store   the store's lifecycle (the snapshot dies with it)
     * @param release unpins the view; run once, on close
     */
    public ViewSnapshot(ReadView view, StoreConfig config, MetricsRecorder metrics, Lifecycle store, Runnable release) {
        this.view = view;
        this.config = config;
        this.metrics = metrics;
        this.life = store.child("the snapshot is closed: take a new one with KvStore.snapshot()");
        this.release = release;
        this.defaultReader = new ViewReader(view, null, KvStore.DEFAULT_KEYSPACE, config, metrics, life);
    }

    @Override
    public KvReader keyspace(String name) {
        life.ensureOpen();
        return new ViewReader(view, null, Checks.keyspaceName(name), config, metrics, life);
    }

    @Override
    public byte[] get(byte[] key) {
        return defaultReader.get(key);
    }

    @Override
    public boolean contains(byte[] key) {
        return defaultReader.contains(key);
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        return defaultReader.getAll(keys);
    }

    @Override
    public KvCursor scan(KeyRange range) {
        return defaultReader.scan(range);
    }

    @Override
    public long count() {
        return defaultReader.count();
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        return defaultReader.ttl(key);
    }

    @Override
    public void close() {
        if (life.close()) {
            release.run();
        }
    }
}
