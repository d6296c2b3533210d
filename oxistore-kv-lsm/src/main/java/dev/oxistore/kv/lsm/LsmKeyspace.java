package dev.oxistore.kv.lsm;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.spi.CasRequest;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.KeyspaceChecks;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.TimedValue;
import dev.oxistore.kv.spi.WatchHub;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A handle on one keyspace of an LSM store: reads at the visible sequence number, writes as
 * commits through the {@link Committer}. Conditional writes (compare-and-set, expire, persist)
 * read the latest value under the commit lock, so they never race another commit.
 */
final class LsmKeyspace implements Keyspace {

    private final String name;
    private final Tree tree;
    private final Committer committer;
    private final StoreConfig config;
    private final InstantSource clock;
    private final MetricsRecorder metrics;
    private final WatchHub hub;
    private final Lifecycle life;
    private final KeyspaceChecks checks;

    LsmKeyspace(String name, Tree tree, Committer committer, MetricsRecorder metrics, WatchHub hub, Lifecycle life) {
        this.name = name;
        this.tree = tree;
        this.committer = committer;
        this.config = tree.config;
        this.clock = config.clock();
        this.metrics = metrics;
        this.hub = hub;
        this.life = life;
        this.checks = new KeyspaceChecks(config, life);
    }

    @Override
    public String name() {
        return name;
    }

    /** Reads the newest visible value: state first, then the visible number (see {@link Tree#get(ReadState, int, byte[], long, long)}). */
    private TimedValue read(byte[] key, long now) {
        ReadState rs = tree.acquire();
        try {
            return read(rs, key, tree.visibleSeq(), now);
        } finally {
            tree.release(rs);
        }
    }

    private TimedValue read(ReadState rs, byte[] key, long seq, long now) {
        Keyspaces.Info info = tree.keyspaces.at(name, seq);
        return info == null ? null : tree.get(rs, info.id(), key, seq, now);
    }

    @Override
    public byte[] get(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        TimedValue v = read(key, clock.millis());
        return v == null ? null : v.value().clone();
    }

    @Override
    public boolean contains(byte[] key) {
        checks.beforeRead(key);
        metrics.read();
        return read(key, clock.millis()) != null;
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        checks.beforeReadAll(keys);
        metrics.reads(keys.size());
        ReadState rs = tree.acquire();
        try {
            long seq = tree.visibleSeq();
            long now = clock.millis();
            List<byte[]> out = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                TimedValue v = read(rs, key, seq, now);
                out.add(v == null ? null : v.value().clone());
            }
            return out;
        } finally {
            tree.release(rs);
        }
    }

    @Override
    public KvCursor scan(KeyRange range) {
        checks.beforeScan(range);
        metrics.scan();
        ReadState rs = tree.acquire();
        long seq = tree.visibleSeq();
        return new LsmCursor(tree, rs, tree.keyspaces.at(name, seq), range, seq, clock.millis(), life);
    }

    @Override
    public long count() {
        life.ensureOpen();
        ReadState rs = tree.acquire();
        long seq = tree.visibleSeq();
        return LsmCursor.count(tree, rs, tree.keyspaces.at(name, seq), seq, clock.millis(), life);
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        checks.beforeRead(key);
        long now = clock.millis();
        TimedValue v = read(key, now);
        return v == null ? Optional.empty() : Expiry.remaining(v.expiresAt(), now);
    }

    private void commitOne(int type, byte[] key, byte[] value, long expiresAt) {
        Committer.Write w = new Committer.Write(name, type, key, value, expiresAt);
        committer.commit(c -> List.of(w), false);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checks.beforePut(key, value);
        commitOne(InternalKey.PUT, key.clone(), value.clone(), Expiry.NEVER);
        metrics.write();
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        checks.beforePut(key, value, ttl);
        commitOne(InternalKey.PUT, key.clone(), value.clone(), Expiry.deadline(clock.millis(), ttl));
        metrics.write();
    }

    @Override
    public void delete(byte[] key) {
        checks.beforeWrite(key);
        metrics.delete();
        commitOne(InternalKey.DELETE, key.clone(), null, Expiry.NEVER);
    }

    @Override
    public void merge(byte[] key, byte[] operand) {
        checks.beforeMerge(key, operand);
        commitOne(InternalKey.MERGE, key.clone(), operand.clone(), Expiry.NEVER);
        metrics.write();
    }

    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
        life.ensureWritable();
        CasRequest cas = CasRequest.of(key, expected, next, config);
        boolean[] swapped = new boolean[1];
        committer.commit(c -> {
            swapped[0] = cas.matches(c.latest(name, cas.key(), clock.millis()));
            if (!swapped[0]) {
                return List.of();
            }
            return List.of(cas.deletes() ? new Committer.Write(name, InternalKey.DELETE, cas.key(), null, Expiry.NEVER)
                    : new Committer.Write(name, InternalKey.PUT, cas.key(), cas.next(), Expiry.NEVER));
        }, false);
        return cas.record(swapped[0], metrics);
    }

    @Override
    public boolean expire(byte[] key, Duration ttl) {
        checks.beforeExpire(key, ttl);
        return rewriteExpiry(key.clone(), now -> Expiry.deadline(now, ttl), false);
    }

    @Override
    public boolean persist(byte[] key) {
        checks.beforeWrite(key);
        return rewriteExpiry(key.clone(), now -> Expiry.NEVER, true);
    }

    /** Writes the live value again with a new expiry (a new version, so snapshots keep the old one). */
    private boolean rewriteExpiry(byte[] k, java.util.function.LongUnaryOperator expiry, boolean onlyIfExpiring) {
        boolean[] done = new boolean[1];
        committer.commit(c -> {
            long now = clock.millis();
            TimedValue current = c.latest(name, k, now);
            if (current == null || onlyIfExpiring && current.expiresAt() == Expiry.NEVER) {
                return List.of();
            }
            done[0] = true;
            return List.of(new Committer.Write(name, InternalKey.PUT, k, current.value(), expiry.applyAsLong(now)));
        }, true);
        return done[0];
    }

    @Override
    public Watch watch(byte[] prefix, WatchListener listener) {
        life.ensureOpen();
        return hub.register(name, prefix, listener);
    }

    @Override
    public String toString() {
        return "LsmKeyspace[" + name + "]";
    }
}
