package dev.oxistore.kv.memory;

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
import dev.oxistore.kv.spi.RangeViews;
import dev.oxistore.kv.spi.WatchHub;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A handle on one keyspace of a memory store: point reads go lock-free to the newest visible
 * version, scans and {@code getAll} pin a sequence number for a consistent view, and writes go
 * through the {@link Committer}. The keyspace's data is looked up until its first write creates
 * it, then cached (data objects live as long as the store).
 */
final class MemoryKeyspace implements Keyspace {

    private final String name;
    private final KeyspaceRegistry registry;
    private final Committer committer;
    private final StoreConfig config;
    private final InstantSource clock;
    private final MetricsRecorder metrics;
    private final WatchHub hub;
    private final Lifecycle life;
    private final KeyspaceChecks checks;
    private final LongSupplier visibleSeq;
    private volatile KeyspaceData data;

    MemoryKeyspace(String name, KeyspaceRegistry registry, Committer committer, StoreConfig config,
                   MetricsRecorder metrics, WatchHub hub, Lifecycle life) {
        this.name = name;
        this.registry = registry;
        this.committer = committer;
        this.config = config;
        this.clock = config.clock();
        this.metrics = metrics;
        this.hub = hub;
        this.life = life;
        this.checks = new KeyspaceChecks(config, life);
        this.visibleSeq = committer::visibleSeq;
    }

    private KeyspaceData data() {
        KeyspaceData d = data;
        if (d == null) {
            d = registry.get(name);
            data = d;
        }
        return d;
    }

    /** Under the commit lock only. */
    private KeyspaceData dataForWrite() {
        KeyspaceData d = data();
        if (d == null) {
            d = registry.getOrCreate(name);
            data = d;
        }
        return d;
    }

    /** The newest committed live version of {@code key}, or null; reads the clock only for keys with a ttl. */
    private Version live(byte[] key) {
        KeyspaceData d = data();
        if (d == null) {
            return null;
        }
        Version v = d.latest(key, visibleSeq);
        if (v == null || v.isTombstone() || (v.expiresAt != Expiry.NEVER && v.expiresAt <= clock.millis())) {
            return null;
        }
        return v;
    }

    /** Like {@link #live} for use under the commit lock, with the caller's clock reading. */
    private Version liveLocked(KeyspaceData d, byte[] key, long nowMillis) {
        Version head = d.map.get(key);
        return head != null && head.isLiveAt(nowMillis) ? head : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] get(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        Version v = live(key);
        return v == null ? null : v.value.clone();
    }

    @Override
    public boolean contains(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        return live(key) != null;
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        checks.beforeReadAll(keys);
        metrics.reads(keys.size());
        KeyspaceData d = data();
        if (d == null) {
            return new ArrayList<>(Collections.nCopies(keys.size(), null));
        }
        PinRegistry.Pin pin = committer.pins().pin(); // one consistent view for all keys
        try {
            long now = clock.millis();
            List<byte[]> out = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                Version v = VersionChain.visibleAt(d.map.get(key), pin.seq());
                out.add(v != null && v.isLiveAt(now) ? v.value.clone() : null);
            }
            return out;
        } finally {
            committer.pins().release(pin);
        }
    }

    @Override
    public KvCursor scan(KeyRange range) {
        checks.beforeScan(range);
        metrics.scan();
        KeyspaceData d = data();
        if (d == null || range.isEmpty()) {
            return new MemoryCursor(Collections.emptyIterator(), 0, 0, life, null);
        }
        PinRegistry pins = committer.pins();
        PinRegistry.Pin pin = pins.pin();
        return new MemoryCursor(RangeViews.slice(d.map, range).entrySet().iterator(), pin.seq(), clock.millis(),
                life, () -> pins.release(pin));
    }

    @Override
    public long count() {
        life.ensureOpen();
        KeyspaceData d = data();
        if (d == null) {
            return 0;
        }
        // No key with a ttl: nothing can be expired, so skip reading the clock.
        return d.expiries.isEmpty() ? d.count(Long.MIN_VALUE) : d.count(clock.millis());
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        checks.beforeRead(key);
        Version v = live(key);
        return v == null ? Optional.empty() : Expiry.remaining(v.expiresAt, clock.millis());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checks.beforePut(key, value);
        byte[] k = key.clone();
        byte[] v = value.clone();
        committer.locked(() -> committer.commitLocked(dataForWrite(), k, v, Expiry.NEVER));
        metrics.write();
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        checks.beforePut(key, value, ttl);
        byte[] k = key.clone();
        byte[] v = value.clone();
        committer.locked(() -> committer.commitLocked(dataForWrite(), k, v, Expiry.deadline(clock.millis(), ttl)));
        metrics.write();
    }

    @Override
    public void delete(byte[] key) {
        checks.beforeWrite(key);
        metrics.delete();
        if (data() == null) {
            return; // nothing was ever written here
        }
        byte[] k = key.clone();
        committer.locked(() -> committer.commitLocked(data(), k, null, Expiry.NEVER));
    }

    @Override
    public void merge(byte[] key, byte[] operand) {
        checks.beforeMerge(key, operand);
        byte[] k = key.clone();
        byte[] op = operand.clone();
        committer.locked(() -> {
            KeyspaceData d = dataForWrite();
            Version current = liveLocked(d, k, clock.millis());
            byte[] merged = Merges.apply(config, k, current == null ? null : current.value, op);
            return committer.commitLocked(d, k, merged, current == null ? Expiry.NEVER : current.expiresAt);
        });
        metrics.write();
    }

    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
        life.ensureWritable();
        CasRequest cas = CasRequest.of(key, expected, next, config);
        boolean swapped = committer.locked(() -> {
            KeyspaceData d = dataForWrite();
            Version current = liveLocked(d, cas.key(), clock.millis());
            boolean matches = cas.matches(current == null ? null : current.value);
            if (matches) {
                committer.commitLocked(d, cas.key(), cas.next(), Expiry.NEVER);
            }
            return matches;
        });
        return cas.record(swapped, metrics);
    }

    @Override
    public boolean expire(byte[] key, Duration ttl) {
        checks.beforeExpire(key, ttl);
        if (data() == null) {
            return false;
        }
        byte[] k = key.clone();
        return committer.locked(() -> {
            long now = clock.millis();
            Version current = liveLocked(data(), k, now);
            // A new version (not an in-place change), so snapshots keep the expiry they saw.
            return current != null && committer.commitLockedQuietly(data(), k, current.value, Expiry.deadline(now, ttl));
        });
    }

    @Override
    public boolean persist(byte[] key) {
        checks.beforeWrite(key);
        if (data() == null) {
            return false;
        }
        byte[] k = key.clone();
        return committer.locked(() -> {
            Version current = liveLocked(data(), k, clock.millis());
            return current != null && current.expiresAt != Expiry.NEVER
                    && committer.commitLockedQuietly(data(), k, current.value, Expiry.NEVER);
        });
    }

    @Override
    public Watch watch(byte[] prefix, WatchListener listener) {
        life.ensureOpen();
        return hub.register(name, prefix, listener);
    }

    @Override
    public String toString() {
        return "MemoryKeyspace[" + name + "]";
    }
}
