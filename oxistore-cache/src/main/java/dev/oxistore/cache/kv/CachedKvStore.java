package dev.oxistore.cache.kv;

import dev.oxistore.cache.Cache;
import dev.oxistore.cache.CacheBuilder;
import dev.oxistore.cache.CacheStats;
import dev.oxistore.cache.Policy;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.DefaultKeyspaceStore;
import dev.oxistore.kv.spi.Expiry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link KvStore} with a {@link Cache} in front of another store, which it owns (closing this
 * closes it; write to the inner store only through this one, or the cache goes stale). The whole
 * {@code KvStore} contract holds, as the testkit's conformance suite checks for every
 * {@link WriteMode}.
 *
 * <p><b>Reads.</b> {@code get} and {@code contains} look in the write-back dirty set, then the
 * cache, then load from the inner store and cache the result (also "absent", with
 * {@linkplain Builder#negativeCaching negative caching}: sound because every write to the inner
 * store passes through here). A cached entry carries the inner store's expiry, taken no later
 * than the store's own, and an expired entry is never served. {@code getAll}, scans,
 * {@code count}, snapshots and transactions read the inner store, after buffered writes are
 * flushed, so they see one consistent view that includes every acknowledged write.
 *
 * <p><b>Consistency.</b> Writes to a key hold one of 1,024 striped locks around the inner write
 * and the cache update, so cache and store change together. A load records the stripe's
 * generation before reading the inner store and caches its result only if no write to the stripe
 * happened meanwhile, so a slow load never overwrites a newer value. Compare-and-set, merge,
 * {@code expire} and {@code persist} run in the inner store (atomic there) under the stripe lock
 * and then drop the cached entry; batches and transactions drop the entries of the keys they
 * wrote once they commit.
 *
 * <p><b>Write-back.</b> Puts and deletes go to a dirty set of at most
 * {@link Builder#maxDirtyEntries} keys and to the cache. A background thread flushes every
 * {@link Builder#flushInterval}; a writer that finds the set full flushes it itself; and
 * {@code flush()}, {@code close()}, and every operation that reads or writes the inner store
 * directly (scans, {@code getAll}, {@code count}, CAS, merge, expire, persist, batches,
 * {@code begin()} and {@code commit()}, snapshots, backups) flush first. A flush writes the whole
 * set as one atomic {@link WriteBatch}, in the store's durability. <b>Loss bound:</b> a crash
 * loses only writes still in the dirty set: at most {@code maxDirtyEntries} keys' latest writes,
 * normally made within the last {@code flushInterval} (plus the time of a flush), and what
 * survives is exactly the state after some prefix of the acknowledged writes (all writes before
 * a point, none after), with each flush durable per the inner store's {@code Durability}. While a
 * {@linkplain #watch watch} is open, puts and deletes are written through instead of buffered,
 * because watchers must see every write, in commit order, and buffering coalesces them.
 */
public final class CachedKvStore implements DefaultKeyspaceStore {
    private static final int STRIPES = 1024;

    private final KvStore inner;
    private final WriteMode mode;
    private final Cache<CacheKey, Cached> cache;
    private final boolean negative;
    private final WriteBack writeBack;
    private final InstantSource clock;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private final LongAdder servedReads = new LongAdder();
    private final CachedKeyspace defaultKeyspace;
    private final Map<String, CachedKeyspace> keyspaces = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock closeLock = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicInteger watches = new java.util.concurrent.atomic.AtomicInteger();
    private final boolean innerHasTtl;
    private volatile boolean open = true;

    private CachedKvStore(Builder b) {
        this.inner = b.inner;
        this.mode = b.mode;
        this.negative = b.negativeCaching;
        this.clock = inner.config().clock();
        this.innerHasTtl = inner.capabilities().contains(Capability.TTL);
        CacheBuilder<CacheKey, Cached> cb = CacheBuilder.newBuilder(b.policy);
        if (b.maximumBytes > 0) {
            cb.maximumWeight(b.maximumBytes).weigher((k, v) -> k.weight() + v.weight());
        } else {
            cb.maximumSize(b.maximumEntries);
        }
        if (b.shards > 0) {
            cb.shards(b.shards);
        }
        this.cache = cb.clock(clock).build();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        this.defaultKeyspace = new CachedKeyspace(this, inner, DEFAULT_KEYSPACE);
        this.writeBack = mode == WriteMode.WRITE_BACK ? new WriteBack(inner, b.maxDirtyEntries, b.flushInterval) : null;
    }

    /** A builder for a cached store over {@code inner} (which the cached store will own). */
    public static Builder builder(KvStore inner) {
        if (inner == null) {
            throw new InvalidArgumentException("inner store is null: open a store first, e.g. with OxiStore.open");
        }
        return new Builder(inner);
    }

    /**
     * Configures a {@link CachedKvStore}. Defaults: {@link WriteMode#WRITE_THROUGH},
     * {@link Policy#W_TINYLFU}, 10,000 entries, negative caching on, and for write-back 1,024
     * dirty keys flushed every 200 ms.
     */
    public static final class Builder {
        private final KvStore inner;
        private WriteMode mode = WriteMode.WRITE_THROUGH;
        private Policy policy = Policy.W_TINYLFU;
        private long maximumEntries = 10_000;
        private long maximumBytes = -1;
        private int shards = -1;
        private boolean negativeCaching = true;
        private int maxDirtyEntries = 1024;
        private Duration flushInterval = Duration.ofMillis(200);

        private Builder(KvStore inner) {
            this.inner = inner;
        }

        /** How writes are handled. */
        public Builder mode(WriteMode m) {
            this.mode = nonNull(m, "mode");
            return this;
        }

        /** The cache's replacement policy. */
        public Builder policy(Policy p) {
            this.policy = nonNull(p, "policy");
            return this;
        }

        /** Bounds the cache by entry count (clears a byte bound). */
        public Builder maximumEntries(long n) {
            if (n < 1) {
                throw new InvalidArgumentException("maximumEntries must be at least 1, got " + n);
            }
            this.maximumEntries = n;
            this.maximumBytes = -1;
            return this;
        }

        /** Bounds the cache by the approximate bytes of keys and values (clears a count bound). */
        public Builder maximumBytes(long n) {
            if (n < 1) {
                throw new InvalidArgumentException("maximumBytes must be at least 1, got " + n);
            }
            this.maximumBytes = n;
            return this;
        }

        /** Shards of the LRU, ARC or LFU cache (see {@link CacheBuilder#shards(int)}). */
        public Builder shards(int n) {
            this.shards = n;
            return this;
        }

        /** Whether "absent" is cached too (default true). */
        public Builder negativeCaching(boolean on) {
            this.negativeCaching = on;
            return this;
        }

        /** Write-back: the most keys buffered at once, the bound on what a crash loses. */
        public Builder maxDirtyEntries(int n) {
            if (n < 1) {
                throw new InvalidArgumentException("maxDirtyEntries must be at least 1, got " + n);
            }
            this.maxDirtyEntries = n;
            return this;
        }

        /** Write-back: how often the background thread flushes. */
        public Builder flushInterval(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidArgumentException("flushInterval must be positive, got " + d);
            }
            this.flushInterval = d;
            return this;
        }

        /** Builds the store; on failure the inner store stays open. */
        public CachedKvStore build() {
            if (!inner.isOpen()) {
                throw new StoreClosedException("the inner store is closed: pass an open store");
            }
            return new CachedKvStore(this);
        }

        private static <T> T nonNull(T t, String what) {
            if (t == null) {
                throw new InvalidArgumentException(what + " is null");
            }
            return t;
        }
    }

    // ---- introspection -------------------------------------------------------------------

    /** The write mode. */
    public WriteMode mode() {
        return mode;
    }

    /** The cache's policy. */
    public Policy policy() {
        return cache.policy();
    }

    /** The cache's hit, miss and eviction counters (reads answered from the dirty set not included). */
    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** The number of buffered writes not yet flushed (0 unless write-back). */
    public int dirtyCount() {
        return writeBack == null ? 0 : writeBack.dirty.size();
    }

    /** The store this one caches. */
    public KvStore unwrap() {
        return inner;
    }

    // ---- machinery shared with CachedKeyspace and CachedTxn ------------------------------

    void ensureOpen() {
        if (!open) {
            throw new StoreClosedException("the cached store is closed: open a new one");
        }
    }

    InstantSource clock() {
        return clock;
    }

    WriteBack writeBack() {
        return writeBack;
    }

    /**
     * The dirty set to buffer a put or delete in, or null to write it to the inner store now:
     * always for the other modes, and for write-back while a watch is open, since watchers must
     * see every write in commit order and buffering coalesces writes to a key.
     */
    WriteBack bufferingWriteBack() {
        return watches.get() > 0 ? null : writeBack;
    }

    /** Registers a watch through {@code register}, writing through while any watch is open. */
    Watch watching(java.util.function.Supplier<Watch> register) {
        watches.incrementAndGet();
        Watch w;
        try {
            flushBeforeDirectOp();
            w = register.get();
        } catch (RuntimeException e) {
            watches.decrementAndGet();
            throw e;
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            try {
                w.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    watches.decrementAndGet();
                }
            }
        };
    }

    private static int stripe(CacheKey k) {
        int h = k.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    void lock(CacheKey k) {
        locks[stripe(k)].lock();
    }

    void unlock(CacheKey k) {
        locks[stripe(k)].unlock();
    }

    /** Flushes buffered writes before an operation that reads or writes the inner store directly. */
    void flushBeforeDirectOp() {
        if (writeBack != null && !writeBack.dirty.isEmpty()) {
            writeBack.flush();
        }
    }

    /** The entry for {@code key}: from the dirty set, the cache, or loaded from {@code source}. */
    Cached read(CacheKey key, Keyspace source) {
        long generation = generations.get(stripe(key));
        if (writeBack != null) {
            Pending p = writeBack.dirty.get(key);
            if (p != null) {
                servedReads.increment();
                return p.value() == null || Expiry.isExpired(p.expiresAt(), clock.millis())
                        ? Cached.ABSENT : new Cached(p.value(), p.expiresAt());
            }
        }
        Cached c = cache.getIfPresent(key);
        if (c != null && (c.expiresAt() == Expiry.NEVER || !Expiry.isExpired(c.expiresAt(), clock.millis()))) {
            servedReads.increment();
            return c;
        }
        // ttl before get: an expiry seen here belongs to the value read next unless a write
        // (which bumps the generation) came between; a key that expires in between reads absent.
        long expiresAt = Expiry.NEVER;
        if (innerHasTtl) {
            long now = clock.millis();
            Optional<Duration> ttl = source.ttl(key.key);
            if (ttl.isPresent()) {
                expiresAt = now + ttl.get().toMillis();
            }
        }
        byte[] v = source.get(key.key);
        Cached loaded = v == null ? Cached.ABSENT : new Cached(v, expiresAt);
        if (v != null || negative) {
            int s = stripe(key);
            locks[s].lock();
            try {
                if (generations.get(s) == generation) {
                    put(new CacheKey(key.keyspace, key.key.clone()), loaded);
                }
            } finally {
                locks[s].unlock();
            }
        }
        return loaded;
    }

    private void put(CacheKey key, Cached c) {
        if (c.expiresAt() == Expiry.NEVER) {
            cache.put(key, c);
            return;
        }
        long left = c.expiresAt() - clock.millis();
        if (left > 0) {
            cache.put(key, c, Duration.ofMillis(left));
        } else {
            cache.invalidate(key);
        }
    }

    /** After a write through the cache of {@code c} to {@code key}; the caller holds its stripe lock. */
    void written(CacheKey key, Cached c) {
        generations.incrementAndGet(stripe(key));
        if (mode == WriteMode.READ_THROUGH || (c.value() == null && !negative)) {
            cache.invalidate(key);
        } else {
            put(key, c);
        }
    }

    /** Drops the cached entry of {@code key}; the caller holds its stripe lock. */
    void invalidateLocked(CacheKey key) {
        generations.incrementAndGet(stripe(key));
        cache.invalidate(key);
        if (writeBack != null) {
            writeBack.droppedExpired.remove(key);
        }
    }

    /** Drops the cached entries of keys written by a batch or transaction. */
    void invalidateAll(List<CacheKey> keys) {
        for (CacheKey k : keys) {
            int s = stripe(k);
            locks[s].lock();
            try {
                invalidateLocked(k);
            } finally {
                locks[s].unlock();
            }
        }
    }

    // ---- KvStore --------------------------------------------------------------------------

    @Override
    public EngineKind kind() {
        return inner.kind();
    }

    @Override
    public StoreConfig config() {
        return inner.config();
    }

    @Override
    public Optional<Path> path() {
        return inner.path();
    }

    @Override
    public Set<Capability> capabilities() {
        return inner.capabilities();
    }

    @Override
    public Keyspace keyspace(String name) {
        ensureOpen();
        if (DEFAULT_KEYSPACE.equals(name)) {
            return defaultKeyspace;
        }
        Keyspace k = inner.keyspace(name);
        return keyspaces.computeIfAbsent(name, n -> new CachedKeyspace(this, k, n));
    }

    @Override
    public Set<String> keyspaces() {
        ensureOpen();
        flushBeforeDirectOp();
        return inner.keyspaces();
    }

    @Override
    public boolean dropKeyspace(String name) {
        ensureOpen();
        flushBeforeDirectOp();
        boolean dropped = inner.dropKeyspace(name);
        // No per-keyspace index in the cache: drop everything, and fence off loads in flight.
        for (int i = 0; i < STRIPES; i++) {
            locks[i].lock();
            try {
                generations.incrementAndGet(i);
            } finally {
                locks[i].unlock();
            }
        }
        cache.invalidateAll();
        return dropped;
    }

    @Override
    public void write(WriteBatch batch) {
        ensureOpen();
        if (batch == null) {
            throw new InvalidArgumentException("batch is null: pass a WriteBatch");
        }
        flushBeforeDirectOp();
        try {
            inner.write(batch);
        } finally {
            invalidateAll(CachedKeyspace.keysOf(batch.ops()));
        }
    }

    @Override
    public KvTxn begin() {
        ensureOpen();
        flushBeforeDirectOp();
        return new CachedTxn(this, inner.begin());
    }

    @Override
    public KvSnapshot snapshot() {
        ensureOpen();
        flushBeforeDirectOp();
        return inner.snapshot();
    }

    @Override
    public long purgeExpired() {
        ensureOpen();
        flushBeforeDirectOp();
        long n = inner.purgeExpired();
        return writeBack == null ? n : n + writeBack.takeDroppedExpired();
    }

    @Override
    public long sizeOnDisk() {
        ensureOpen();
        return inner.sizeOnDisk();
    }

    @Override
    public long compact() {
        ensureOpen();
        flushBeforeDirectOp();
        return inner.compact();
    }

    /** Writes every buffered write to the inner store, then makes it durable. */
    @Override
    public void flush() {
        ensureOpen();
        if (writeBack != null) {
            writeBack.flush();
        }
        inner.flush();
    }

    @Override
    public void backup(Path target) {
        ensureOpen();
        flushBeforeDirectOp();
        inner.backup(target);
    }

    @Override
    public IntegrityReport checkIntegrity() {
        ensureOpen();
        flushBeforeDirectOp();
        return inner.checkIntegrity();
    }

    /**
     * The inner store's counters, corrected so they count operations on this store: reads
     * answered from the cache or dirty set are added, and write-back flushes (which coalesce
     * writes) are replaced by the buffered writes they stand for. {@code engine} adds
     * {@code cache.hits}, {@code cache.misses}, {@code cache.evictions}, {@code cache.size} and
     * {@code cache.dirty}.
     */
    @Override
    public StoreMetrics metrics() {
        ensureOpen();
        WriteBack wb = writeBack;
        if (wb != null) {
            wb.flushLock.lock(); // no flush half counted
        }
        try {
            StoreMetrics m = inner.metrics();
            long writes = m.writes();
            long deletes = m.deletes();
            long commits = m.commits();
            long expired = m.expired();
            if (wb != null) {
                writes += wb.bufferedPuts.get() - wb.flushedPuts.get();
                deletes += wb.bufferedDeletes.get() - wb.flushedDeletes.get();
                commits -= wb.flushes.get();
                expired += wb.expiredDrops.get();
            }
            CacheStats s = cache.stats();
            Map<String, Long> engine = new HashMap<>(m.engine());
            engine.put("cache.hits", s.hits());
            engine.put("cache.misses", s.misses());
            engine.put("cache.evictions", s.evictions());
            engine.put("cache.size", cache.size());
            engine.put("cache.dirty", (long) dirtyCount());
            return new StoreMetrics(m.reads() + servedReads.sum(), writes, deletes, m.scans(), commits,
                    m.conflicts(), expired, engine);
        } finally {
            if (wb != null) {
                wb.flushLock.unlock();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return open && inner.isOpen();
    }

    /** Flushes buffered writes and closes the inner store; harmless when called again. */
    @Override
    public void close() {
        closeLock.lock();
        try {
            if (!open) {
                return;
            }
            try {
                if (writeBack != null) {
                    writeBack.stop();
                    writeBack.flush();
                }
            } finally {
                open = false;
                cache.invalidateAll();
                inner.close();
            }
        } finally {
            closeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "CachedKvStore[" + mode + ", " + cache + ", over " + inner + "]";
    }

    @Override
    public Keyspace defaultKeyspace() {
        return defaultKeyspace;
    }
}
