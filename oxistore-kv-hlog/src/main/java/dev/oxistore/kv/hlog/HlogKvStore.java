package dev.oxistore.kv.hlog;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.hlog.store.HlogOptions;
import dev.oxistore.kv.hlog.store.HlogStats;
import dev.oxistore.kv.hlog.store.HlogStore;
import dev.oxistore.kv.hlog.store.Session;
import dev.oxistore.kv.spi.BatchTally;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.DefaultKeyspaceStore;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.Merges;
import dev.oxistore.kv.spi.MetricsRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The {@link KvStore} face of a {@link HlogStore}. Point operations go straight to pooled
 * sessions; a key's writes are serialised by a lock stripe (so compare-and-set and merge are
 * atomic), and a {@link WriteBatch} takes every stripe at once (so it is atomic to readers).
 * Scans walk every hash chain and sort the live keys of the range: O(records) per scan. Durability
 * is the CPR checkpoint: under {@link Durability#SYNC} a write returns once a checkpoint begun after
 * it is fsynced, under {@link Durability#FLUSH} once one is written to the OS (concurrent writers
 * share one through {@link GroupCommit}); {@link #flush()} and {@link #close()} take an fsynced
 * one, and {@code engineOption("checkpointIntervalMillis", n)} adds a periodic one; see the README.
 */
final class HlogKvStore implements DefaultKeyspaceStore {

    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.PERSISTENT, Capability.MERGE));
    private static final int STRIPES = 64;

    private final HlogStore store;
    private final StoreConfig config;
    private final Path path; // null in memory
    private final Path dir;
    private final Lifecycle lifecycle;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final ConcurrentLinkedQueue<Session> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sessionNames = new AtomicInteger();
    private final ReentrantReadWriteLock batchLock = new ReentrantReadWriteLock();
    private final Object[] stripes = new Object[STRIPES];
    private final Keyspace defaultKeyspace = new DefaultSpace();
    private final Thread checkpointer;
    private final GroupCommit commits = new GroupCommit(this::writersCheckpoint);
    private final Durability durability; // SYNC and FLUSH writes wait for a checkpoint covering them

    private HlogKvStore(HlogStore store, StoreConfig config, Path path, Path dir) {
        this.store = store;
        this.config = config;
        this.path = path;
        this.dir = dir;
        this.lifecycle = Lifecycle.root("the HLOG store is closed: open it again", false);
        this.durability = path == null ? Durability.NONE : config.durability();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        long interval = Long.parseLong(config.engineOption("checkpointIntervalMillis").orElse("0"));
        this.checkpointer = interval > 0 && path != null
                ? Thread.ofPlatform().daemon().name("hlog-checkpoint").start(() -> periodic(interval)) : null;
        metrics.gauge("hlog.tailAddress", () -> store.stats().tailAddress());
        metrics.gauge("hlog.headAddress", () -> store.stats().headAddress());
        metrics.gauge("hlog.readOnlyAddress", () -> store.stats().readOnlyAddress());
        metrics.gauge("hlog.pendingIssued", () -> store.stats().pendingIssued());
        metrics.gauge("hlog.indexProbes", () -> store.stats().indexProbes());
        metrics.gauge("hlog.checkpoints", () -> store.stats().checkpoints());
        metrics.gauge("hlog.syncCheckpoints", commits::groupCheckpoints); // taken for waiting SYNC or FLUSH writers
    }

    static HlogKvStore open(Path path, StoreConfig config) {
        if (path == null) {
            throw new InvalidArgumentException("the store path is null");
        }
        if (config.readOnly()) {
            throw new UnsupportedFeatureException(Capability.READ_ONLY_OPEN,
                    "HLOG stores cannot be opened read-only yet: open it read-write, or copy it first");
        }
        StoreLayout.prepare(path, config.createIfMissing());
        return new HlogKvStore(HlogStore.open(options(path, config)), config, path, path);
    }

    static HlogKvStore openInMemory(StoreConfig config) {
        try {
            Path tmp = Files.createTempDirectory("oxistore-hlog-mem");
            return new HlogKvStore(HlogStore.open(options(tmp, config)), config, null, tmp);
        } catch (java.io.IOException e) {
            throw new dev.oxistore.kv.StoreIOException("cannot create a scratch directory for the in-memory log: " + e.getMessage(), e);
        }
    }

    /** Options from engine options: indexBuckets, pageBits, memoryPages, mutableFraction. */
    static HlogOptions options(Path dir, StoreConfig config) {
        HlogOptions d = HlogOptions.defaults(dir);
        try {
            long buckets = Long.parseLong(config.engineOption("indexBuckets").orElse("4096"));
            int pageBits = Integer.parseInt(config.engineOption("pageBits").orElse("22"));
            int pages = Integer.parseInt(config.engineOption("memoryPages").orElse("8"));
            double mutable = Double.parseDouble(config.engineOption("mutableFraction").orElse("0.9"));
            return d.withIndexBuckets(buckets).withMemory(pageBits, pages).withMutableFraction(mutable);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("an HLOG engine option is not a number: " + e.getMessage()
                    + " (options: indexBuckets, pageBits, memoryPages, mutableFraction, checkpointIntervalMillis)", e);
        }
    }

    private void periodic(long interval) {
        while (lifecycle.isOpen()) {
            try {
                Thread.sleep(interval);
                if (lifecycle.isOpen()) {
                    commits.checkpoint(this::fsyncedCheckpoint);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the next flush() or close() reports the problem
            }
        }
    }

    /** The checkpoint waiting writers share: fsynced under SYNC, written to the OS under FLUSH. */
    private void writersCheckpoint() {
        checkpoint(durability == Durability.SYNC);
    }

    /** The checkpoint of flush(), close() and the periodic one: fsynced whatever the durability. */
    private void fsyncedCheckpoint() {
        checkpoint(true);
    }

    private void checkpoint(boolean fsync) {
        batchLock.readLock().lock();
        try {
            lifecycle.ensureOpen();
            store.checkpoint(fsync);
        } finally {
            batchLock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ sessions

    private Session session() {
        Session s = pool.poll();
        return s != null ? s : store.newSession("kv-" + sessionNames.incrementAndGet());
    }

    private void release(Session s) {
        pool.offer(s);
    }

    private <T> T withSession(Function<Session, T> work) {
        Session s = session();
        try {
            return work.apply(s);
        } finally {
            release(s);
        }
    }

    /** A group-commit ticket for a write just applied (0 under NONE); take it under the batch lock. */
    private long ticket() {
        return durability == Durability.NONE ? 0 : commits.ticket();
    }

    /** Under SYNC and FLUSH, waits until a checkpoint covers the ticket's write; call it with no lock held. */
    private void acknowledge(long ticket) {
        if (ticket != 0) {
            commits.awaitDurable(ticket);
        }
    }

    private Object stripe(byte[] key) {
        return stripes[(Arrays.hashCode(key) & 0x7FFFFFFF) % STRIPES];
    }

    private byte[] read(byte[] key) {
        return withSession(s -> s.get(key));
    }

    private void putLocked(byte[] key, byte[] value) {
        withSession(s -> s.upsert(key, value));
    }

    private void deleteLocked(byte[] key) {
        withSession(s -> s.delete(key));
    }

    private void mergeLocked(byte[] key, byte[] operand) {
        byte[] merged = Merges.apply(config, key, read(key), operand);
        putLocked(key, merged);
    }

    // ------------------------------------------------------------------ KvStore

    @Override
    public Keyspace defaultKeyspace() {
        return defaultKeyspace;
    }

    @Override
    public EngineKind kind() {
        return EngineKind.HLOG;
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Keyspace keyspace(String name) {
        lifecycle.ensureOpen();
        Checks.keyspaceName(name);
        if (!DEFAULT_KEYSPACE.equals(name)) {
            throw unsupportedKeyspaces();
        }
        return defaultKeyspace;
    }

    private static UnsupportedFeatureException unsupportedKeyspaces() {
        return new UnsupportedFeatureException(Capability.KEYSPACES,
                "HLOG stores have one keyspace: prefix your keys, or use the LSM or BTREE engine for keyspaces");
    }

    @Override
    public Set<String> keyspaces() {
        lifecycle.ensureOpen();
        return Set.of(DEFAULT_KEYSPACE);
    }

    @Override
    public boolean dropKeyspace(String name) {
        lifecycle.ensureWritable();
        Checks.keyspaceName(name);
        if (DEFAULT_KEYSPACE.equals(name)) {
            throw new InvalidArgumentException("the default keyspace cannot be dropped: delete its keys instead");
        }
        return false;
    }

    @Override
    public void write(WriteBatch batch) {
        lifecycle.ensureWritable();
        if (batch == null) {
            throw new InvalidArgumentException("batch is null");
        }
        for (WriteBatch.Op op : batch.ops()) {
            if (!DEFAULT_KEYSPACE.equals(op.keyspace())) {
                throw unsupportedKeyspaces();
            }
            if (op instanceof WriteBatch.Put p && p.ttl() != null) {
                throw unsupportedTtl();
            }
        }
        BatchTally tally = BatchTally.check(batch, config);
        long ticket;
        batchLock.writeLock().lock();
        try {
            lifecycle.ensureWritable();
            // merges are computed first so a failing operator leaves the store untouched
            List<Runnable> apply = new ArrayList<>();
            java.util.Map<ByteKey, byte[]> staged = new java.util.HashMap<>();
            for (WriteBatch.Op op : batch.ops()) {
                ByteKey k = new ByteKey(op.key());
                switch (op) {
                    case WriteBatch.Put p -> {
                        staged.put(k, p.value());
                        apply.add(() -> putLocked(p.key(), p.value()));
                    }
                    case WriteBatch.Delete d -> {
                        staged.put(k, null);
                        apply.add(() -> deleteLocked(d.key()));
                    }
                    case WriteBatch.Merge m -> {
                        byte[] base = staged.containsKey(k) ? staged.get(k) : read(m.key());
                        byte[] merged = Merges.apply(config, m.key(), base, m.operand());
                        staged.put(k, merged);
                        apply.add(() -> putLocked(m.key(), merged));
                    }
                }
            }
            apply.forEach(Runnable::run);
            tally.record(metrics);
            ticket = ticket();
        } finally {
            batchLock.writeLock().unlock();
        }
        acknowledge(ticket);
    }

    private record ByteKey(byte[] k) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey b && Arrays.equals(k, b.k);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(k);
        }
    }

    private static UnsupportedFeatureException unsupportedTtl() {
        return new UnsupportedFeatureException(Capability.TTL, "HLOG stores have no TTL: store an expiry in the value, "
                + "or use the BTREE, LSM or in-memory engine");
    }

    @Override
    public KvTxn begin() {
        lifecycle.ensureOpen();
        throw new UnsupportedFeatureException(Capability.TRANSACTIONS, "HLOG stores have no transactions (CPR gives "
                + "per-session durable prefixes, not atomic multi-key commits): use write(WriteBatch) for an atomic "
                + "batch, or the BTREE engine for transactions");
    }

    @Override
    public KvSnapshot snapshot() {
        lifecycle.ensureOpen();
        throw new UnsupportedFeatureException(Capability.SNAPSHOTS, "HLOG stores have no snapshots: records are "
                + "updated in place in the mutable region; use the BTREE or LSM engine for snapshots");
    }

    @Override
    public long purgeExpired() {
        lifecycle.ensureOpen();
        return 0;
    }

    @Override
    public long sizeOnDisk() {
        lifecycle.ensureOpen();
        return path == null ? 0 : store.sizeOnDisk();
    }

    @Override
    public long compact() {
        lifecycle.ensureWritable();
        return 0; // log compaction is part 2 of the engine
    }

    /** Takes a CPR checkpoint: everything written before returns is durable. */
    @Override
    public void flush() {
        lifecycle.ensureOpen();
        if (path != null) {
            commits.checkpoint(this::fsyncedCheckpoint);
        }
    }

    @Override
    public void backup(Path target) {
        lifecycle.ensureOpen();
        throw new UnsupportedFeatureException(Capability.BACKUP, "HLOG stores have no online backup yet: "
                + "flush() and copy the directory of a closed store");
    }

    @Override
    public IntegrityReport checkIntegrity() {
        lifecycle.ensureOpen();
        List<String> problems = new ArrayList<>();
        long[] n = {0};
        try {
            withSession(s -> {
                s.forEachLive((k, v) -> n[0]++);
                return null;
            });
        } catch (RuntimeException e) {
            problems.add("walking the hash chains failed: " + e.getMessage());
        }
        return new IntegrityReport(n[0], problems);
    }

    @Override
    public StoreMetrics metrics() {
        lifecycle.ensureOpen();
        return metrics.snapshot();
    }

    /** The engine's own counters (for tests and diagnostics). */
    HlogStats stats() {
        return store.stats();
    }

    /** The group commit of waiting writers (for tests). */
    GroupCommit groupCommit() {
        return commits;
    }

    /** The native store (for tests). */
    HlogStore nativeStore() {
        return store;
    }

    @Override
    public boolean isOpen() {
        return lifecycle.isOpen();
    }

    @Override
    public void close() {
        batchLock.writeLock().lock();
        try {
            if (!lifecycle.isOpen()) {
                return;
            }
            RuntimeException failure = null;
            if (path != null) {
                try {
                    commits.checkpoint(this::fsyncedCheckpoint); // credits every SYNC or FLUSH write still waiting
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            lifecycle.close();
            if (checkpointer != null) {
                checkpointer.interrupt();
            }
            Session s;
            while ((s = pool.poll()) != null) {
                s.close();
            }
            store.close();
            if (path == null) {
                StoreLayout.deleteTree(dir);
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            batchLock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "HlogKvStore[" + (path == null ? "in memory" : path) + "]";
    }

    // ------------------------------------------------------------------ the one keyspace

    private final class DefaultSpace implements Keyspace {

        @Override
        public String name() {
            return DEFAULT_KEYSPACE;
        }

        @Override
        public byte[] get(byte[] key) {
            Checks.checkKey(key, config);
            batchLock.readLock().lock();
            try {
                lifecycle.ensureOpen();
                metrics.read();
                return read(key);
            } finally {
                batchLock.readLock().unlock();
            }
        }

        @Override
        public boolean contains(byte[] key) {
            return get(key) != null;
        }

        @Override
        public List<byte[]> getAll(List<byte[]> keys) {
            if (keys == null) {
                throw new InvalidArgumentException("keys is null");
            }
            for (byte[] k : keys) {
                Checks.checkKey(k, config);
            }
            batchLock.readLock().lock();
            try {
                lifecycle.ensureOpen();
                List<byte[]> out = new ArrayList<>(keys.size());
                for (byte[] k : keys) {
                    metrics.read();
                    out.add(read(k));
                }
                return out;
            } finally {
                batchLock.readLock().unlock();
            }
        }

        @Override
        public KvCursor scan(KeyRange range) {
            if (range == null) {
                throw new InvalidArgumentException("range is null: use KeyRange.all()");
            }
            batchLock.readLock().lock();
            try {
                lifecycle.ensureOpen();
                metrics.scan();
                List<KvEntry> entries = new ArrayList<>();
                if (!range.isEmpty()) {
                    withSession(s -> {
                        s.forEachLive((k, v) -> {
                            if (range.contains(k)) {
                                entries.add(new KvEntry(k, v));
                            }
                        });
                        return null;
                    });
                }
                entries.sort((a, b) -> Bytes.compare(a.key(), b.key()));
                if (range.isReverse()) {
                    java.util.Collections.reverse(entries);
                }
                return new ListCursor(entries, lifecycle.child("the cursor is closed: open a new scan"));
            } finally {
                batchLock.readLock().unlock();
            }
        }

        @Override
        public long count() {
            batchLock.readLock().lock();
            try {
                lifecycle.ensureOpen();
                long[] n = {0};
                withSession(s -> {
                    s.forEachLive((k, v) -> n[0]++);
                    return null;
                });
                return n[0];
            } finally {
                batchLock.readLock().unlock();
            }
        }

        @Override
        public Optional<Duration> ttl(byte[] key) {
            Checks.checkKey(key, config);
            lifecycle.ensureOpen();
            return Optional.empty();
        }

        @Override
        public void put(byte[] key, byte[] value) {
            Checks.checkKey(key, config);
            Checks.checkValue(value, config);
            long ticket;
            batchLock.readLock().lock();
            try {
                lifecycle.ensureWritable();
                synchronized (stripe(key)) {
                    putLocked(key, value);
                }
                metrics.write();
                ticket = ticket();
            } finally {
                batchLock.readLock().unlock();
            }
            acknowledge(ticket);
        }

        @Override
        public void put(byte[] key, byte[] value, Duration ttl) {
            Checks.checkKey(key, config);
            Checks.checkValue(value, config);
            lifecycle.ensureWritable();
            throw unsupportedTtl();
        }

        @Override
        public void delete(byte[] key) {
            Checks.checkKey(key, config);
            long ticket;
            batchLock.readLock().lock();
            try {
                lifecycle.ensureWritable();
                synchronized (stripe(key)) {
                    deleteLocked(key);
                }
                metrics.delete();
                ticket = ticket();
            } finally {
                batchLock.readLock().unlock();
            }
            acknowledge(ticket);
        }

        @Override
        public void merge(byte[] key, byte[] operand) {
            Checks.checkKey(key, config);
            if (operand == null) {
                throw new InvalidArgumentException("merge operand is null");
            }
            long ticket;
            batchLock.readLock().lock();
            try {
                lifecycle.ensureWritable();
                Merges.require(config);
                synchronized (stripe(key)) {
                    mergeLocked(key, operand);
                }
                metrics.write();
                ticket = ticket();
            } finally {
                batchLock.readLock().unlock();
            }
            acknowledge(ticket);
        }

        @Override
        public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
            Checks.checkKey(key, config);
            if (next != null) {
                Checks.checkValue(next, config);
            }
            long ticket;
            batchLock.readLock().lock();
            try {
                lifecycle.ensureWritable();
                synchronized (stripe(key)) {
                    byte[] current = read(key);
                    if (!Arrays.equals(current, expected)) {
                        return false;
                    }
                    if (next == null) {
                        if (current == null) {
                            return true; // nothing to write, nothing to wait for
                        }
                        deleteLocked(key);
                        metrics.delete();
                    } else {
                        putLocked(key, next);
                        metrics.write();
                    }
                    ticket = ticket();
                }
            } finally {
                batchLock.readLock().unlock();
            }
            acknowledge(ticket);
            return true;
        }

        @Override
        public boolean expire(byte[] key, Duration ttl) {
            Checks.checkKey(key, config);
            Checks.ttl(ttl);
            lifecycle.ensureWritable();
            throw unsupportedTtl();
        }

        @Override
        public boolean persist(byte[] key) {
            Checks.checkKey(key, config);
            lifecycle.ensureWritable();
            throw unsupportedTtl();
        }

        @Override
        public Watch watch(byte[] prefix, WatchListener listener) {
            lifecycle.ensureOpen();
            throw new UnsupportedFeatureException(Capability.WATCH, "HLOG stores have no watches yet: "
                    + "use the BTREE, LSM or in-memory engine for change events");
        }
    }

    /** A cursor over entries collected when the scan was opened. */
    private static final class ListCursor implements KvCursor {
        private final List<KvEntry> entries;
        private final Lifecycle lifecycle;
        private int next;

        ListCursor(List<KvEntry> entries, Lifecycle lifecycle) {
            this.entries = entries;
            this.lifecycle = lifecycle;
        }

        @Override
        public boolean hasNext() {
            lifecycle.ensureOpen();
            return next < entries.size();
        }

        @Override
        public KvEntry next() {
            lifecycle.ensureOpen();
            if (next >= entries.size()) {
                throw new java.util.NoSuchElementException("the scan is exhausted");
            }
            return entries.get(next++);
        }

        @Override
        public void close() {
            lifecycle.close();
        }
    }
}
