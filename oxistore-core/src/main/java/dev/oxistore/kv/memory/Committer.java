package dev.oxistore.kv.memory;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.BatchTally;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.TxnWriteSet;
import dev.oxistore.kv.spi.WatchHub;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The write side of a memory store: one commit lock, the sequence counter, and the pipeline every
 * write goes through (apply the versions of a commit under one new sequence number, make that
 * number visible, prune the written chains, publish watch events). Maintenance (purge, drop,
 * compact) runs through the same pipeline.
 */
final class Committer {

    private final ReentrantLock lock = new ReentrantLock();
    private final KeyspaceRegistry registry;
    private final PinRegistry pins;
    private final StoreConfig config;
    private final MetricsRecorder metrics;
    private final WatchHub hub;
    private final Lifecycle life;
    private volatile long visibleSeq;

    Committer(KeyspaceRegistry registry, StoreConfig config, MetricsRecorder metrics, WatchHub hub, Lifecycle life) {
        this.registry = registry;
        this.config = config;
        this.metrics = metrics;
        this.hub = hub;
        this.life = life;
        this.pins = new PinRegistry(this);
    }

    /** The sequence number of the last commit readers may see. */
    long visibleSeq() {
        return visibleSeq;
    }

    PinRegistry pins() {
        return pins;
    }

    /** Runs {@code work} under the commit lock, once the store is known to be open. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            life.ensureOpen();
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits one write and publishes its watch event (under the lock).
     *
     * @return false when nothing was written (a delete of an absent key)
     */
    boolean commitLocked(KeyspaceData space, byte[] key, byte[] value, long expiresAt) {
        return commitOne(space, key, value, expiresAt, true);
    }

    /** Commits one write that changes no value, only its expiry: no watch event (under the lock). */
    boolean commitLockedQuietly(KeyspaceData space, byte[] key, byte[] value, long expiresAt) {
        return commitOne(space, key, value, expiresAt, false);
    }

    private boolean commitOne(KeyspaceData space, byte[] key, byte[] value, long expiresAt, boolean publish) {
        long seq = visibleSeq + 1;
        if (!space.apply(key, value, expiresAt, seq)) {
            return false;
        }
        visibleSeq = seq;
        space.prune(key, pins.current(seq));
        if (publish && hub.hasWatchers()) {
            hub.publish(List.of(event(space, key, value)));
        }
        return true;
    }

    /** Commits several writes (distinct keys) under one sequence number (under the lock). */
    void commitLocked(List<Mutation> mutations, boolean publish) {
        long seq = visibleSeq + 1;
        List<Mutation> applied = new ArrayList<>(mutations.size());
        for (Mutation m : mutations) {
            if (m.space().apply(m.key(), m.value(), m.expiresAt(), seq)) {
                applied.add(m);
            }
        }
        if (applied.isEmpty()) {
            return;
        }
        visibleSeq = seq; // the whole commit becomes visible at once
        PinRegistry.PinSet pinned = pins.current(seq);
        for (Mutation m : applied) {
            m.space().prune(m.key(), pinned);
        }
        if (publish && hub.hasWatchers()) {
            List<WatchEvent> events = new ArrayList<>(applied.size());
            for (Mutation m : applied) {
                events.add(event(m.space(), m.key(), m.value()));
            }
            hub.publish(events);
        }
    }

    private static WatchEvent event(KeyspaceData space, byte[] key, byte[] value) {
        return value == null
                ? new WatchEvent(space.name, key.clone(), null, WatchEvent.Type.DELETE)
                : new WatchEvent(space.name, key.clone(), value.clone(), WatchEvent.Type.PUT);
    }

    /**
     * Commits a transaction that read at {@code startSeq}: first committer wins, so any key it
     * writes that has a version newer than {@code startSeq} fails the whole transaction.
     */
    void commitTxn(TxnWriteSet writes, long startSeq) {
        locked(() -> {
            for (String name : writes.keyspaces()) {
                KeyspaceData space = registry.get(name);
                if (space == null) {
                    continue;
                }
                for (byte[] key : writes.writes(name).keySet()) {
                    Version head = space.map.get(key);
                    if (head != null && head.seq > startSeq) {
                        throw new TxnConflictException("write-write conflict on key " + Bytes.hex(key) + " of keyspace '"
                                + name + "': another commit changed it after this transaction began, so nothing was "
                                + "applied; run the transaction again (KvStore.inTransaction retries for you)");
                    }
                }
            }
            commitLocked(toMutations(writes), true);
            return null;
        });
        writes.forEach((name, key, w) -> {
            if (w.isDelete()) {
                metrics.delete();
            } else {
                metrics.write();
            }
        });
    }

    /** Applies a batch atomically; merges see the batch's earlier operations. */
    void write(WriteBatch batch) {
        BatchTally tally = BatchTally.check(batch, config);
        locked(() -> {
            long now = config.clock().millis();
            TxnWriteSet folded = new TxnWriteSet();
            folded.addAll(batch, config, MemoryView.latest(registry), now);
            commitLocked(toMutations(folded), true);
            return null;
        });
        tally.record(metrics);
    }

    private List<Mutation> toMutations(TxnWriteSet writes) {
        List<Mutation> out = new ArrayList<>(writes.size());
        for (String name : writes.keyspaces()) {
            NavigableMap<byte[], TxnWriteSet.Write> ws = writes.writes(name);
            KeyspaceData space = registry.get(name);
            if (space == null) {
                if (ws.values().stream().allMatch(TxnWriteSet.Write::isDelete)) {
                    continue; // deletes in a keyspace that never existed change nothing
                }
                space = registry.getOrCreate(name);
            }
            for (var e : ws.entrySet()) {
                out.add(new Mutation(space, e.getKey(), e.getValue().value(), e.getValue().expiresAt()));
            }
        }
        return out;
    }

    /** Deletes every expired entry in one commit (no watch events: the keys were already invisible). */
    long purgeExpired() {
        long purged = locked(() -> {
            long now = config.clock().millis();
            List<Mutation> tombstones = new ArrayList<>();
            for (KeyspaceData space : registry.all()) {
                for (ExpiryIndex.Entry e : space.expiries.expired(now)) {
                    tombstones.add(new Mutation(space, e.key(), null, Expiry.NEVER));
                }
            }
            commitLocked(tombstones, false);
            return (long) tombstones.size();
        });
        metrics.expired(purged);
        return purged;
    }

    /** Deletes every entry of a keyspace in one commit and unlists it. */
    boolean drop(String name) {
        return locked(() -> {
            KeyspaceData space = registry.get(name);
            if (space == null || !space.isListed()) {
                return false;
            }
            List<Mutation> tombstones = new ArrayList<>();
            for (byte[] key : space.liveKeys()) {
                tombstones.add(new Mutation(space, key, null, Expiry.NEVER));
            }
            commitLocked(tombstones, true);
            space.unlist();
            space.pruneAll(pins.current(visibleSeq));
            return true;
        });
    }

    /** Drops every version no reader can see, in every keyspace. */
    void pruneAll() {
        locked(() -> {
            PinRegistry.PinSet pinned = pins.current(visibleSeq);
            registry.all().forEach(space -> space.pruneAll(pinned));
            return null;
        });
    }

    /** The integrity check, under the lock so the structures hold still. */
    long verify(List<String> problems) {
        return locked(() -> {
            long checked = 0;
            for (KeyspaceData space : registry.all()) {
                checked += space.verify(visibleSeq, problems);
            }
            return checked;
        });
    }

    /** Frees everything once the store is closed (waits for a commit in progress). */
    void release() {
        lock.lock();
        try {
            registry.clear();
            pins.clear();
        } finally {
            lock.unlock();
        }
    }
}
