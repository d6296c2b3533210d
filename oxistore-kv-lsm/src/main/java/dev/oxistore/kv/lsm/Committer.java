package dev.oxistore.kv.lsm;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.log.Wal;
import dev.oxistore.kv.lsm.log.WalBatch;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.Merges;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.TimedValue;
import dev.oxistore.kv.spi.WatchHub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write path. Every change (a put, a batch, a transaction, a keyspace drop, a purge) is one
 * commit: under the commit lock its writes are checked and turned into log ops (merges are tried
 * against the current value, so a failing operator rejects the whole commit, but stored as merge
 * records), numbered with consecutive sequence numbers, appended to the log and inserted into the
 * memtable. Outside the lock, a {@code SYNC} commit waits for a group fsync; then its numbers
 * become visible (a later commit's fsync covers every earlier record, so visibility may jump
 * ahead safely), and watch events are delivered in commit order.
 *
 * <p>Before appending, the writer makes room: with too many level-0 tables each write is delayed
 * (slowdown) and beyond the stop trigger writers wait for compaction; a full memtable is frozen
 * and the log rotated, waiting while too many frozen memtables are still unflushed. An I/O
 * failure of the log poisons the store for writes; reads go on.
 */
final class Committer {

    /** A write handed over by the API. {@code type} is an {@link InternalKey} type, or {@link #DROP}. */
    record Write(String keyspace, int type, byte[] key, byte[] value, long expiresAt) {
    }

    /** Drops {@code keyspace}. */
    static final int DROP = -1;

    /** Prepares a commit's writes under the commit lock (it may read the latest state through the committer). */
    @FunctionalInterface
    interface Body {
        List<Write> prepare(Committer locked);
    }

    private record Pending(long seq, List<WatchEvent> events) {
    }

    private record LocalKey(String keyspace, ByteBuffer key) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Tree tree;
    private final Wal wal;
    private final Background background;
    private final WatchHub hub;
    private final MetricsRecorder metrics;
    private final boolean sync;
    private final ArrayDeque<Pending> events = new ArrayDeque<>();
    private volatile RuntimeException poison;

    Committer(Tree tree, Wal wal, Background background, WatchHub hub, MetricsRecorder metrics) {
        this.tree = tree;
        this.wal = wal;
        this.background = background;
        this.hub = hub;
        this.metrics = metrics;
        this.sync = tree.config.durability() == Durability.SYNC;
        metrics.gauge("lsm.walSyncs", wal::syncCount);
    }

    /** Raises the error that stopped writes, if any. */
    void checkWritable() {
        RuntimeException p = poison;
        if (p != null) {
            throw p;
        }
        RuntimeException bg = tree.backgroundError();
        if (bg != null) {
            throw bg;
        }
    }

    /** The newest value of a key, in-flight commits included (caller holds the commit lock). */
    TimedValue latest(String keyspace, byte[] key, long nowMillis) {
        Keyspaces.Info info = tree.keyspaces.live(keyspace);
        return info == null ? null : tree.get(info.id(), key, tree.lastSeq, nowMillis);
    }

    /**
     * Commits what {@code body} prepares. {@code quiet} commits (purges, expire, persist) publish
     * no watch events.
     *
     * @return the number of ops applied (0 when the body prepared nothing)
     */
    int commit(Body body, boolean quiet) {
        checkWritable();
        if (tree.current().version().level(0).size() >= tree.options.l0SlowdownTrigger()) {
            metrics.add("lsm.slowdowns", 1);
            LockSupport.parkNanos(1_000_000);
        }
        long syncTo = -1;
        long mySeq;
        int applied;
        lock.lock();
        try {
            checkWritable();
            List<Write> writes = body.prepare(this);
            if (writes.isEmpty()) {
                return 0;
            }
            List<WatchEvent> commitEvents = new ArrayList<>();
            List<WalBatch.Op> ops = prepare(writes, commitEvents);
            if (ops.isEmpty()) {
                return 0;
            }
            makeRoom();
            WalBatch batch = new WalBatch(tree.lastSeq + 1, ops);
            Coding.Out encoded = batch.encode();
            tree.trace.begin("wal");
            long position;
            try {
                position = wal.append(encoded.buffer(), encoded.length());
            } catch (IOException e) {
                throw poison("append to the write-ahead log", e);
            }
            apply(batch, tree.current().mem(), tree.keyspaces);
            mySeq = batch.firstSeq() + ops.size() - 1;
            tree.lastSeq = mySeq;
            applied = ops.size();
            if (!quiet && !commitEvents.isEmpty() && hub.hasWatchers()) {
                synchronized (events) {
                    events.add(new Pending(mySeq, commitEvents));
                }
            }
            if (sync) {
                syncTo = position;
            } else {
                tree.publish(mySeq);
                tree.trace.end("wal");
            }
        } finally {
            lock.unlock();
        }
        if (syncTo >= 0) {
            try {
                wal.sync(syncTo);
            } catch (IOException e) {
                throw poison("fsync the write-ahead log", e);
            }
            tree.trace.end("wal");
            tree.publish(mySeq);
        }
        drainEvents();
        return applied;
    }

    private StoreIOException poison(String what, IOException e) {
        StoreIOException error = tree.files.ioError(what, e);
        if (poison == null) {
            poison = error;
        }
        return error;
    }

    /** Turns the API's writes into log ops: keyspaces created on first write, merges checked. */
    private List<WalBatch.Op> prepare(List<Write> writes, List<WatchEvent> commitEvents) {
        long now = tree.config.clock().millis();
        Map<String, Keyspaces.Info> created = new HashMap<>();
        Map<String, Keyspaces.Info> dropped = new HashMap<>();
        Map<LocalKey, TimedValue> local = new HashMap<>();
        List<WalBatch.Op> ops = new ArrayList<>(writes.size() + 1);
        int nextId = tree.keyspaces.allocateId();
        for (Write w : writes) {
            Keyspaces.Info info = created.containsKey(w.keyspace()) ? created.get(w.keyspace())
                    : dropped.containsKey(w.keyspace()) ? null : tree.keyspaces.live(w.keyspace());
            if (w.type() == DROP) {
                if (info != null) {
                    ops.add(new WalBatch.DropKeyspace(info.id()));
                    created.remove(w.keyspace());
                    dropped.put(w.keyspace(), info);
                }
                continue;
            }
            if (info == null) {
                if (w.type() == InternalKey.DELETE) {
                    continue; // nothing to delete in a keyspace that holds nothing
                }
                info = new Keyspaces.Info(nextId++, w.keyspace(), 0, Keyspaces.LIVE);
                ops.add(new WalBatch.CreateKeyspace(info.id(), info.name()));
                created.put(w.keyspace(), info);
                dropped.remove(w.keyspace());
            }
            LocalKey lk = new LocalKey(w.keyspace(), ByteBuffer.wrap(w.key()));
            switch (w.type()) {
                case InternalKey.PUT -> {
                    ops.add(new WalBatch.Data(InternalKey.PUT, info.id(), w.key(), InternalKey.value(w.value(), w.expiresAt())));
                    local.put(lk, new TimedValue(w.value(), w.expiresAt()));
                    commitEvents.add(new WatchEvent(w.keyspace(), w.key(), w.value(), WatchEvent.Type.PUT));
                }
                case InternalKey.DELETE -> {
                    ops.add(new WalBatch.Data(InternalKey.DELETE, info.id(), w.key(), null));
                    local.put(lk, null);
                    commitEvents.add(new WatchEvent(w.keyspace(), w.key(), null, WatchEvent.Type.DELETE));
                }
                case InternalKey.MERGE -> {
                    TimedValue current;
                    if (local.containsKey(lk)) {
                        current = local.get(lk);
                    } else {
                        current = created.containsKey(w.keyspace()) ? null : tree.get(info.id(), w.key(), tree.lastSeq, now);
                    }
                    if (current != null && Expiry.isExpired(current.expiresAt(), now)) {
                        current = null;
                    }
                    byte[] merged = Merges.apply(tree.config, w.key(), current == null ? null : current.value(), w.value());
                    long expiresAt = current == null ? Expiry.NEVER : current.expiresAt();
                    int type = current == null ? InternalKey.MERGE_BASE : InternalKey.MERGE;
                    ops.add(new WalBatch.Data(type, info.id(), w.key(), InternalKey.value(w.value(), expiresAt)));
                    local.put(lk, new TimedValue(merged, expiresAt));
                    commitEvents.add(new WatchEvent(w.keyspace(), w.key(), merged, WatchEvent.Type.PUT));
                }
                default -> throw new IllegalStateException("unknown write type " + w.type());
            }
        }
        return ops;
    }

    /** Inserts a logged commit into {@code mem} and applies its keyspace changes (commit path and recovery). */
    static void apply(WalBatch batch, Memtable mem, Keyspaces keyspaces) {
        long seq = batch.firstSeq();
        for (WalBatch.Op op : batch.ops()) {
            switch (op) {
                case WalBatch.Data d -> mem.add(InternalKey.of(d.keyspace(), d.key(), seq, d.type()), d.value());
                case WalBatch.CreateKeyspace c -> keyspaces.put(new Keyspaces.Info(c.id(), c.name(), seq, Keyspaces.LIVE));
                case WalBatch.DropKeyspace d -> {
                    Keyspaces.Info i = keyspaces.byId(d.id());
                    if (i != null) {
                        keyspaces.put(new Keyspaces.Info(i.id(), i.name(), i.createdSeq(), seq));
                    }
                }
            }
            seq++;
        }
    }

    /** Stalls while background work is behind, then freezes a full memtable (caller holds the lock). */
    private void makeRoom() {
        while (true) {
            checkWritable();
            ReadState rs = tree.current();
            if (rs.version().level(0).size() >= tree.options.l0StopTrigger()) {
                metrics.add("lsm.stalls", 1);
                awaitBackground();
                background.compactionNeeded();
                tree.awaitRoom();
                continue;
            }
            if (rs.mem().bytes() < tree.options.memtableSize()) {
                return;
            }
            if (rs.imms().size() >= tree.options.maxImmutables()) {
                metrics.add("lsm.stalls", 1);
                awaitBackground();
                background.flushNeeded();
                tree.awaitRoom();
                continue;
            }
            freezeLocked();
            return;
        }
    }

    /** Refuses to wait for flushes or compactions once the threads that run them stopped (close): the wait would never end. */
    private void awaitBackground() {
        if (background.stopping()) {
            throw new StoreClosedException("the LSM store at " + tree.files.dir() + " is closing: open it again to write");
        }
    }

    private void freezeLocked() {
        long next = tree.newFileNumber();
        try {
            wal.rotate(next);
        } catch (IOException e) {
            throw poison("rotate the write-ahead log", e);
        }
        tree.freeze(next, tree.lastSeq);
        background.flushNeeded();
    }

    /** Freezes the active memtable if it holds anything and waits until every frozen one is flushed. */
    void flushMemtables() {
        lock.lock();
        try {
            checkWritable();
            if (!tree.current().mem().isEmpty()) {
                freezeLocked();
            }
        } finally {
            lock.unlock();
        }
        while (!tree.current().imms().isEmpty()) {
            checkWritable();
            awaitBackground();
            background.flushNeeded();
            tree.awaitRoom();
        }
    }

    /** Makes every appended record durable. */
    void syncLog() {
        checkWritable();
        try {
            wal.syncAll();
        } catch (IOException e) {
            throw poison("fsync the write-ahead log", e);
        }
    }

    private void drainEvents() {
        synchronized (events) {
            Pending p;
            while ((p = events.peek()) != null && p.seq() <= tree.visibleSeq()) {
                events.poll();
                hub.publish(p.events());
            }
        }
    }

    /** Closes the log (store close). */
    void close() throws IOException {
        lock.lock();
        try {
            wal.close();
        } finally {
            lock.unlock();
        }
    }
}
