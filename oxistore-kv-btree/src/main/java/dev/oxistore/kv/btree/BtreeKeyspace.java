package dev.oxistore.kv.btree;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.spi.CasRequest;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.KeyspaceChecks;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.Merges;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.TimedValue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A handle on one keyspace of a {@link BtreeStore}. Point reads go to the store's current
 * published view without locking; scans and {@code getAll} hold a view reference for a consistent
 * picture; writes go through the store's write pipeline. Handles are cheap and stateless.
 */
final class BtreeKeyspace implements Keyspace {

    private final String name;
    private final BtreeStore store;
    private final StoreConfig config;
    private final InstantSource clock;
    private final MetricsRecorder metrics;
    private final Lifecycle life;
    private final KeyspaceChecks checks;

    BtreeKeyspace(String name, BtreeStore store, StoreConfig config, MetricsRecorder metrics, Lifecycle life) {
        this.name = name;
        this.store = store;
        this.config = config;
        this.clock = config.clock();
        this.metrics = metrics;
        this.life = life;
        this.checks = new KeyspaceChecks(config, life);
    }

    @Override
    public String name() {
        return name;
    }

    /** The stored value of {@code key} in view {@code v} if it is live at {@code now}, noting expired ones for eviction. */
    private byte[] liveStored(View v, byte[] key, long now) {
        return live(v.stored(name, key), key, now);
    }

    /** {@link #liveStored(View, byte[], long)} now: the clock is read only for a value that has an expiry. */
    private byte[] liveStored(View v, byte[] key) {
        byte[] stored = v.stored(name, key);
        return stored == null || Records.expiry(stored) == Records.NO_EXPIRY ? stored : live(stored, key, clock.millis());
    }

    private byte[] live(byte[] stored, byte[] key, long now) {
        if (stored != null && !Records.live(stored, now)) {
            store.noteExpired(name, key);
            return null;
        }
        return stored;
    }

    @Override
    public byte[] get(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        byte[] stored = liveStored(store.currentView(), key);
        return stored == null ? null : Records.payload(stored);
    }

    @Override
    public boolean contains(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        return liveStored(store.currentView(), key) != null;
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        checks.beforeReadAll(keys);
        metrics.reads(keys.size());
        View v = store.acquireView(); // one consistent view for all keys
        try {
            long now = clock.millis();
            List<byte[]> out = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                byte[] stored = liveStored(v, key, now);
                out.add(stored == null ? null : Records.payload(stored));
            }
            return out;
        } finally {
            v.release();
        }
    }

    @Override
    public KvCursor scan(KeyRange range) {
        checks.beforeScan(range);
        metrics.scan();
        View v = store.acquireView();
        View.Ks ks = v.keyspace(name);
        return new BtreeCursor(ks == null ? null : ks.data(), range, clock.millis(),
                life.child("the cursor is closed: start a new scan"), v, store.where());
    }

    @Override
    public long count() {
        life.ensureOpen();
        return store.currentView().count(name, clock.millis());
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        checks.beforeRead(key);
        long now = clock.millis();
        byte[] stored = liveStored(store.currentView(), key, now);
        return stored == null ? Optional.empty() : Expiry.remaining(Records.expiry(stored), now);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checks.beforePut(key, value);
        store.writeOne(name, key.clone(), value, null); // the key is kept by the map; encoding copies the value
        metrics.write();
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        checks.beforePut(key, value, ttl);
        store.writeOne(name, key.clone(), value, ttl); // the key is kept by the map; encoding copies the value
        metrics.write();
    }

    @Override
    public void delete(byte[] key) {
        checks.beforeWrite(key);
        metrics.delete();
        store.writeOne(name, key.clone(), null, null);
    }

    @Override
    public void merge(byte[] key, byte[] operand) {
        checks.beforeMerge(key, operand);
        byte[] k = key.clone();
        byte[] op = operand.clone();
        store.write(true, stage -> {
            TimedValue current = stage.live(name, k);
            byte[] merged = Merges.apply(config, k, current == null ? null : current.value(), op);
            stage.put(name, k, merged, current == null ? Expiry.NEVER : current.expiresAt(), true);
            return null;
        });
        metrics.write();
    }

    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
        life.ensureWritable();
        CasRequest cas = CasRequest.of(key, expected, next, config);
        boolean swapped = store.write(true, stage -> {
            boolean matches = cas.matches(stage.live(name, cas.key()));
            if (matches) {
                if (cas.deletes()) {
                    stage.delete(name, cas.key(), true);
                } else {
                    stage.put(name, cas.key(), cas.next(), Expiry.NEVER, true);
                }
            }
            return matches;
        });
        return cas.record(swapped, metrics);
    }

    @Override
    public boolean expire(byte[] key, Duration ttl) {
        checks.beforeExpire(key, ttl);
        byte[] k = key.clone();
        return store.write(false, stage -> {
            TimedValue current = stage.live(name, k);
            if (current == null) {
                return false;
            }
            stage.put(name, k, current.value(), Expiry.deadline(stage.now, ttl), true);
            return true;
        });
    }

    @Override
    public boolean persist(byte[] key) {
        checks.beforeWrite(key);
        byte[] k = key.clone();
        return store.write(false, stage -> {
            TimedValue current = stage.live(name, k);
            if (current == null || current.expiresAt() == Expiry.NEVER) {
                return false;
            }
            stage.put(name, k, current.value(), Expiry.NEVER, true);
            return true;
        });
    }

    @Override
    public Watch watch(byte[] prefix, WatchListener listener) {
        life.ensureOpen();
        return store.hub().register(name, prefix, listener);
    }

    @Override
    public String toString() {
        return "BtreeKeyspace[" + name + "]";
    }
}
