package dev.oxistore.kv.btree;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreException;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.BatchTally;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.DefaultKeyspaceStore;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.ReadView;
import dev.oxistore.kv.spi.SnapshotTxn;
import dev.oxistore.kv.spi.TimedValue;
import dev.oxistore.kv.spi.TxnBase;
import dev.oxistore.kv.spi.TxnWriteSet;
import dev.oxistore.kv.spi.ViewSnapshot;
import dev.oxistore.kv.spi.WatchHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The BTREE engine's store: an OxiStore {@link KvStore} on one H2 MVStore file.
 *
 * <h2>Design</h2>
 *
 * <p><b>Maps.</b> Each keyspace is one MVMap (a copy-on-write B+tree) from user key to a stored
 * value that carries its expiry inline ({@link Records}); a sidecar MVMap indexes expiring keys
 * by (keyspace, expiry, key); a metadata MVMap names the engine, the format and the keyspaces
 * ({@link Layout}). Every page block of these maps carries a CRC32C ({@link CheckedBytesType}),
 * because MVStore itself checks page positions but not page contents; and every commit records
 * each changed map's entry count and a stamp (the commit's sequence number, kept in the map under
 * the empty key) in the metadata, because MVStore's catalogue of map roots is unchecked text:
 * an open that finds a map disagreeing with its record refuses it rather than serve an old tree.
 *
 * <p><b>Writes and versions.</b> MVStore's own auto-commit is switched off (no background writer,
 * no commit on memory pressure): it could persist a chunk in the middle of a batch, so a crash
 * would leave half of it on disk. Instead every write — a put, a batch, a transaction, a purge —
 * is applied to the live maps under one apply lock and gets the next commit sequence number.
 * Durability then decides when {@link MVStore#commit()} runs: under {@code SYNC} and {@code FLUSH}
 * the writer calls it before returning, with group commit — the first waiter commits (and, for
 * {@code SYNC}, fsyncs) everything applied so far while later writers queue behind it and usually
 * find their work already durable; under {@code NONE} a background thread commits every
 * {@code btree.autoCommitDelayMs} (and a writer when unsaved pages pass 64 MiB). Under
 * {@code NONE} the apply lock is held only while MVStore takes the maps' roots for the new
 * version; MVStore's serialization and save threads then encode and write its pages while
 * writers go on, as MVStore's own auto-commit does ({@code flush()} and {@code close()} wait for
 * them). A commit is one MVStore version written as one chunk, so a batch is on disk entirely or
 * not at all, and MVStore's recovery falls back to the newest complete chunk after a crash.
 *
 * <p><b>Views and snapshots.</b> Readers never see the live maps. After a commit becomes durable
 * the store publishes a {@link View}: for every keyspace touched, a {@link FrozenMap} sharing the
 * live map's root at that moment, plus the TTL index. Under {@code NONE} writes are visible as
 * soon as they are applied, so a view per write would be one allocation and one version pin per
 * write: writers only mark the view stale, and the first reader (or snapshot, transaction, or the
 * next commit) after them captures a fresh one under the apply lock. Because MVMap never
 * modifies a page in place, holding a root is a true point-in-time snapshot with no copying, and
 * publishing one immutable object makes a batch appear in all keyspaces at once. Under
 * {@code SYNC} and {@code FLUSH} reads therefore never observe a write before it is durable. A
 * view pins the MVStore version it was taken in ({@code registerVersionUsage}), so the chunks
 * holding its pages are not reclaimed while a cursor, snapshot or transaction holds it; the pin
 * goes when the last holder lets go ({@code deregisterVersionUsage}).
 *
 * <p><b>Transactions.</b> {@link #begin()} takes the current view as the transaction's snapshot
 * and uses the SPI's {@link SnapshotTxn}, which buffers writes and lays them over the view for
 * read-your-writes, scans included. Commit runs under the apply lock: the {@link ConflictTracker}
 * knows, for every key written after the oldest running transaction began, the sequence number
 * that wrote it; if any key the transaction writes was written after its snapshot, the commit
 * fails with {@link TxnConflictException} before anything is applied (first committer wins).
 *
 * <p><b>TTL.</b> Expiry is judged at read time against the configured clock, so expired entries
 * are invisible at once. They are removed lazily — a read that meets one queues it and the next
 * write deletes it if it is still expired — and in bulk by {@link #purgeExpired()}, which walks
 * the TTL index from the oldest expiry. {@code count()} is the MVMap's size (kept in the B-tree's
 * page counts, O(1)) minus the keyspace's expired-but-unpurged entries, two rank queries on the
 * TTL index (O(log n)).
 *
 * <p><b>Failures.</b> A failure while applying or committing (an I/O error, a page that fails its
 * checksum during a write) poisons the store: it closes without committing the partial state, the
 * failing call gets the error and every later call {@link dev.oxistore.kv.StoreClosedException}.
 * Acknowledged commits are on disk already; reopening recovers to the last complete one.
 */
final class BtreeStore implements DefaultKeyspaceStore {

    private static final System.Logger LOG = System.getLogger(BtreeStore.class.getName());

    private static final Set<Capability> FILE_CAPABILITIES = Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
    private static final Set<Capability> MEMORY_CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.TRANSACTIONS, Capability.SNAPSHOTS, Capability.TTL, Capability.MERGE, Capability.WATCH,
            Capability.KEYSPACES, Capability.BACKUP, Capability.INTEGRITY_CHECK));
    private static final AtomicLong STORE_IDS = new AtomicLong();
    private static final Runnable NOTHING = () -> {
    };

    /** Under NONE, unsaved pages above this size are committed at once rather than at the next tick. */
    private static final int PRESSURE_BYTES = 64 << 20;
    /** Expired keys queued for lazy eviction at most; more are left to purgeExpired. */
    private static final int EVICTION_QUEUE_MAX = 4096;
    /** purgeExpired removes this many entries per commit, so writers are not held up for long. */
    private static final int PURGE_BATCH = 4096;

    /** A live keyspace: its name, id and MVMap. */
    private record LiveKs(String name, int id, MVMap<byte[], byte[]> map) {
    }

    /** One pending change to one key. */
    private record Change(String keyspace, byte[] key, byte[] value, long expiresAt, boolean record) {
    }

    private record PendingEvents(long seq, List<WatchEvent> events) {
    }

    private record Eviction(String keyspace, byte[] key) {
    }

    private final StoreConfig config;
    private final BtreeOptions options;
    private final Durability durability;
    private final InstantSource clock;
    private final StoreDir dir;
    private final MVStore mv;
    private final String where;
    private final Lifecycle life;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final WatchHub hub;
    private final ConflictTracker tracker = new ConflictTracker();
    private final BtreeKeyspace defaultSpace;
    private final Recovery.Report recovery;

    private final ReentrantLock applyLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();

    // guarded by applyLock
    private final MVMap<byte[], byte[]> meta;
    private final MVMap<byte[], byte[]> ttl;
    private final Map<String, LiveKs> live = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean ttlDirty;
    /** Maps changed since the last commit, by keyspace id (-1: the TTL index); a null map was dropped. */
    private final Map<Integer, MVMap<byte[], byte[]>> touched = new HashMap<>();
    /**
     * The keyspace the last change went to while {@link #dirty} and {@link #touched} still hold
     * it, so the next change to it skips both; null once either is cleared. (A dropped keyspace's
     * entry is never written again: recreating it makes a new {@code LiveKs}.)
     */
    private LiveKs lastChanged;
    /** The keyspace the last change went to, looked at before {@link #live}; null once a keyspace is dropped. */
    private LiveKs lastLive;
    private final ArrayDeque<PendingEvents> pendingEvents = new ArrayDeque<>();
    private long appliedSeq;
    private long persistedSeq;
    private int nextKsId;

    // guarded by syncLock
    private long durableSeq;

    private volatile View view;
    /** Under NONE: writes were applied since {@link #view} was captured; the next reader captures a fresh one. */
    private volatile boolean viewStale;
    /** Under NONE on a file: commits hand page serialization to MVStore's writer threads (see {@link #commitLocked}). */
    private final boolean asyncCommits;
    private final Set<View> pinnedViews = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean mvOpen = new AtomicBoolean(true);
    private volatile StoreException failure;

    private final ConcurrentLinkedQueue<Eviction> evictions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger evictionCount = new AtomicInteger();
    private final ScheduledExecutorService committer;
    /** When the last commit ended ({@link System#nanoTime()}); the background committer waits the delay from it. */
    private volatile long lastCommitNanos = System.nanoTime();

    private BtreeStore(StoreConfig config, BtreeOptions options, StoreDir dir, MVStore mv, Recovery.Report recovery) {
        this.config = config;
        this.options = options;
        this.durability = config.durability();
        this.clock = config.clock();
        this.dir = dir;
        this.mv = mv;
        this.recovery = recovery;
        this.where = dir == null ? "(in memory)" : dir.dir().toString();
        this.asyncCommits = durability == Durability.NONE && dir != null && !config.readOnly();
        this.life = Lifecycle.root("the store is closed: open it again", config.readOnly());
        long id = STORE_IDS.incrementAndGet();
        this.hub = new WatchHub("btree-" + id);

        MVMap<byte[], byte[]> m = Layout.openMeta(mv, where);
        if (m == null) {
            if (config.readOnly()) {
                throw new NotFoundException("the store at " + where + " was never initialised (its creation did not finish): "
                        + "open it once without readOnly");
            }
            m = Layout.initialize(mv, 0, 1);
            mv.commit();
            mv.sync();
            if (dir != null) {
                try {
                    StoreDir.fsync(dir.dir());
                } catch (IOException e) {
                    throw Errors.io(where, e);
                }
            }
        }
        this.meta = m;
        this.ttl = mv.openMap(Layout.TTL, Layout.builder());
        this.appliedSeq = Layout.getLong(meta, Layout.K_SEQ, where);
        this.persistedSeq = appliedSeq;
        this.durableSeq = appliedSeq;
        this.nextKsId = (int) Layout.getLong(meta, Layout.K_NEXT_KS, where);
        for (Layout.KsEntry e : Layout.keyspaces(meta, where).values()) {
            MVMap<byte[], byte[]> map = Layout.openKeyspace(mv, e, where);
            Layout.check(meta, Integer.toString(e.id()), map, "keyspace '" + e.name() + "'", where);
            live.put(e.name(), new LiveKs(e.name(), e.id(), map));
        }
        Layout.check(meta, Layout.TTL_COUNT, ttl, "the TTL index", where);
        this.defaultSpace = new BtreeKeyspace(DEFAULT_KEYSPACE, this, config, metrics, life);

        Map<String, View.Ks> spaces = new HashMap<>();
        for (LiveKs lk : live.values()) {
            spaces.put(lk.name(), new View.Ks(lk.name(), lk.id(), new FrozenMap(lk.map())));
        }
        View first = new View(appliedSeq, Collections.unmodifiableMap(spaces), new FrozenMap(ttl), this, mv.registerVersionUsage());
        pinnedViews.add(first);
        this.view = first;

        registerGauges();
        if (asyncCommits) {
            // starts MVStore's serialization and save threads. Its own background writer thread
            // starts too but never commits (the delay is ~25 days since the last commit; we commit
            // far more often) and never compacts (autoCompactFillRate 0): it must not write a chunk
            // in the middle of a write group
            mv.setAutoCommitDelay(Integer.MAX_VALUE);
        }
        if (!config.readOnly() && durability == Durability.NONE && options.autoCommitDelayMs() > 0 && dir != null) {
            ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "oxistore-btree-commit-" + id);
                t.setDaemon(true);
                return t;
            });
            ex.setRemoveOnCancelPolicy(true);
            // MVStore's own cadence: look every third of the delay, commit when the delay has
            // passed since the last commit of any kind (a commit under memory pressure included)
            long tick = Math.max(10, options.autoCommitDelayMs() / 3);
            ex.scheduleWithFixedDelay(this::backgroundCommit, tick, tick, TimeUnit.MILLISECONDS);
            this.committer = ex;
        } else {
            this.committer = null;
        }
    }

    // ------------------------------------------------------------------ opening

    /** Opens or creates the store in directory {@code path}. */
    static BtreeStore open(Path path, StoreConfig config) {
        if (config == null) {
            throw new InvalidArgumentException("config is null: use StoreConfig.defaults()");
        }
        BtreeOptions options = BtreeOptions.from(config);
        if (options.recovery() == BtreeOptions.Recovery.ROLLBACK && config.readOnly()) {
            throw new InvalidArgumentException("engine option " + BtreeOptions.RECOVERY
                    + "=rollback rewrites the store and needs a writable open: drop readOnly(true)");
        }
        StoreDir dir = StoreDir.open(path, config.readOnly(), config.createIfMissing());
        String where = path.toString();
        MVStore mv = null;
        try {
            if (config.readOnly() && !Files.exists(dir.dataFile())) {
                // the marker is written before MVStore creates its file: a creation killed in between
                throw new NotFoundException("the store at " + where + " was never initialised (its creation did not finish): "
                        + "open it once without readOnly");
            }
            mv = openMvStore(dir.dataFile(), options, config.readOnly());
            Recovery.Report report = Recovery.verifyOnOpen(mv, dir, options, where);
            return new BtreeStore(config, options, dir, mv, report);
        } catch (RuntimeException | Error e) {
            if (mv != null) {
                mv.closeImmediately();
            }
            dir.close();
            throw Errors.translate(e, where);
        }
    }

    /** Opens a store that lives only in memory (MVStore without a file). */
    static BtreeStore openInMemory(StoreConfig config) {
        if (config == null) {
            throw new InvalidArgumentException("config is null: use StoreConfig.defaults()");
        }
        BtreeOptions options = BtreeOptions.from(config);
        if (config.readOnly()) {
            throw new dev.oxistore.kv.UnsupportedFeatureException(Capability.READ_ONLY_OPEN,
                    "an in-memory BTREE store starts empty, so a read-only one could hold nothing: drop readOnly(true)");
        }
        MVStore mv = new MVStore.Builder().open();
        return new BtreeStore(config, options, null, mv, null);
    }

    static MVStore openMvStore(Path file, BtreeOptions options, boolean readOnly) {
        MVStore.Builder b = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()        // no background writer: commits happen only between our write groups
                .autoCommitBufferSize(0)     // and never in the middle of one because of memory pressure
                .autoCompactFillRate(0)      // nor compacts in the background (compact() does it under our locks)
                .cacheSize(options.cacheSizeMb())
                .pageSplitSize(options.pageSplitBytes());
        if (options.compression() == 1) {
            b.compress();
        } else if (options.compression() == 2) {
            b.compressHigh();
        }
        if (readOnly) {
            b.readOnly();
        }
        // MVStore keeps its default few old versions (as raw MVStore does): with none kept, the
        // chunks a commit makes unused are dropped at once and writers re-read far more pages
        // (6x in a 1M random fill); they also leave a repair more versions to roll back to.
        // compact() keeps none while it runs, so it can reclaim everything
        return b.open();
    }

    private void registerGauges() {
        metrics.gauge("btree.mvstoreVersion", mv::getCurrentVersion);
        metrics.gauge("btree.commitSeq", () -> currentView().seq);
        metrics.gauge("btree.pinnedViews", pinnedViews::size);
        metrics.gauge("btree.fileBytes", this::fileSize);
        metrics.gauge("btree.cacheUsedMb", mv::getCacheSizeUsed);
        if (recovery != null) {
            metrics.gauge("btree.recovery.fromVersion", recovery::fromVersion);
            metrics.gauge("btree.recovery.toVersion", recovery::toVersion);
            metrics.gauge("btree.recovery.droppedCommits", recovery::droppedCommits);
        }
    }

    // ------------------------------------------------------------------ views

    String where() {
        return where;
    }

    WatchHub hub() {
        return hub;
    }

    /** The newest view, covering every write applied so far (captured now if writes made it stale). */
    View currentView() {
        return viewStale ? refreshView() : view;
    }

    /** The current view with a reference taken; release it when done. */
    View acquireView() {
        while (true) {
            View v = currentView();
            if (v.tryAcquire()) {
                return v;
            }
        }
    }

    /**
     * Under NONE writers do not publish views (a view per write would pin an MVStore version and
     * allocate a map per write); the first reader after writes captures one here instead.
     */
    private View refreshView() {
        applyLock.lock();
        try {
            publishIfStaleLocked();
            return view;
        } finally {
            applyLock.unlock();
        }
    }

    /** Publishes a view of everything applied when writes made the current one stale (under the apply lock). */
    private void publishIfStaleLocked() {
        if (viewStale && mvOpen.get()) {
            publish(capture(appliedSeq));
            viewStale = false; // after the publication: a reader that sees false sees the new view
        }
    }

    /** Called by a view when its pin goes. */
    void unpin(View v, MVStore.TxCounter pin) {
        pinnedViews.remove(v);
        if (mvOpen.get()) {
            mv.deregisterVersionUsage(pin);
        }
    }

    /** A view of the live maps as of now (under the apply lock). */
    private View capture(long seq) {
        View old = view;
        Map<String, View.Ks> spaces = old.keyspaces;
        if (!dirty.isEmpty()) {
            HashMap<String, View.Ks> m = new HashMap<>(old.keyspaces);
            for (String name : dirty) {
                LiveKs lk = live.get(name);
                if (lk == null) {
                    m.remove(name);
                } else {
                    m.put(name, new View.Ks(name, lk.id(), new FrozenMap(lk.map())));
                }
            }
            spaces = Collections.unmodifiableMap(m);
            dirty.clear();
        }
        lastChanged = null;
        FrozenMap t = old.ttl;
        if (ttlDirty) {
            t = new FrozenMap(ttl);
            ttlDirty = false;
        }
        View v = new View(seq, spaces, t, this, mv.registerVersionUsage());
        pinnedViews.add(v);
        return v;
    }

    private void publish(View v) {
        View old = view;
        view = v;
        old.release();
    }

    // ------------------------------------------------------------------ the write pipeline

    /**
     * The writes of one commit, staged under the apply lock; nothing touches the maps until the
     * work returns, so a failed check (a conflict, a merge operator that throws) applies nothing.
     * Reads through the stage see the live maps, not what is staged: a batch folds its operations
     * through a {@link TxnWriteSet} over the stage to see its own earlier writes.
     */
    final class Stage implements ReadView {
        final long now = clock.millis();
        private final List<Change> changes = new ArrayList<>();
        private final List<String> drops = new ArrayList<>();
        private final List<byte[]> ttlRemovals = new ArrayList<>();
        private TxnWriteSet folded;

        /** Stages a put; {@code key} becomes the store's, {@code value} is only read (encoding copies it). */
        void put(String keyspace, byte[] key, byte[] value, long expiresAt, boolean record) {
            changes.add(new Change(keyspace, key, value, expiresAt, record));
        }

        void delete(String keyspace, byte[] key, boolean record) {
            changes.add(new Change(keyspace, key, null, Expiry.NEVER, record));
        }

        /** Stages every write of {@code writes} (its arrays become the store's). */
        void adopt(TxnWriteSet writes) {
            folded = writes;
        }

        /** The live value of {@code key} in the live maps (ignoring what is staged). */
        TimedValue live(String keyspace, byte[] key) {
            return read(keyspace, key, now);
        }

        @Override
        public TimedValue read(String keyspace, byte[] key, long nowMillis) {
            LiveKs lk = BtreeStore.this.live.get(keyspace);
            if (lk == null) {
                return null;
            }
            byte[] stored;
            try {
                stored = lk.map().get(key);
            } catch (RuntimeException | AssertionError e) {
                throw Errors.translate(e, where);
            }
            return Records.live(stored, nowMillis) ? new TimedValue(Records.payload(stored), Records.expiry(stored)) : null;
        }

        @Override
        public KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle owner) {
            throw new UnsupportedOperationException("a write stage is not scanned");
        }

        @Override
        public long count(String keyspace, long nowMillis) {
            throw new UnsupportedOperationException("a write stage is not counted");
        }

        boolean isEmpty() {
            return changes.isEmpty() && drops.isEmpty() && ttlRemovals.isEmpty() && (folded == null || folded.isEmpty());
        }
    }

    /**
     * Runs {@code work} under the apply lock, applies what it staged as one commit, and waits
     * until that commit is as durable as the store's {@link Durability} promises.
     *
     * @param events whether the staged changes produce watch events
     */
    <R> R write(boolean events, Function<Stage, R> work) {
        life.ensureWritable();
        long seq = 0;
        R result;
        applyLock.lock();
        try {
            beginWriteLocked();
            Stage stage = new Stage();
            result = work.apply(stage);
            if (!stage.isEmpty()) {
                seq = applyLocked(stage, events);
            }
        } finally {
            applyLock.unlock();
        }
        if (seq > 0) {
            awaitDurable(seq);
        }
        return result;
    }

    /**
     * One put ({@code value} non-null) or delete of one key, with watch events and conflict
     * records: exactly {@code write(true, stage -> stage.put(keyspace, key, value, expiry, true))}
     * (or {@code stage.delete(keyspace, key, true)}), where the expiry is {@code ttl}'s deadline
     * from the clock read under the apply lock, as a stage reads it. The common write, so it skips
     * the stage, its lists and the change records, which made most of the garbage a put left.
     *
     * @param key   becomes the store's
     * @param value only read (encoding copies it); null for a delete
     * @param ttl   null for no expiry
     */
    void writeOne(String keyspace, byte[] key, byte[] value, Duration ttl) {
        long seq; // the caller checked ensureWritable(); the store may have closed since, hence ensureOpen() below
        applyLock.lock();
        try {
            beginWriteLocked();
            seq = applyOneLocked(keyspace, key, value, ttl == null ? Expiry.NEVER : Expiry.deadline(clock.millis(), ttl));
        } finally {
            applyLock.unlock();
        }
        if (seq > 0) {
            awaitDurable(seq);
        }
    }

    /** {@link #applyLocked} for one recorded change with watch events, without a stage. */
    private long applyOneLocked(String keyspace, byte[] key, byte[] value, long expiresAt) {
        long seq = appliedSeq + 1;
        List<WatchEvent> evts = hub.hasWatchers() ? new ArrayList<>(1) : null;
        try {
            if (!applyChange(keyspace, key, value, expiresAt, evts)) {
                return 0;
            }
        } catch (RuntimeException | Error e) {
            throw poison(e);
        }
        if (exposeLocked(seq, evts)) {
            tracker.record(keyspace, key, seq);
        }
        return seq;
    }

    /**
     * What every write does first under the apply lock, staged or single: checks the store is still
     * open, forgets conflict records no transaction can need, and deletes keys reads found expired.
     */
    private void beginWriteLocked() {
        life.ensureOpen();
        tracker.prune(view.seq);
        evictExpiredLocked();
    }

    /** Applies a stage to the live maps (under the apply lock); returns its sequence number, or 0 when nothing changed. */
    private long applyLocked(Stage stage, boolean events) {
        long seq = appliedSeq + 1;
        List<WatchEvent> evts = events && hub.hasWatchers() ? new ArrayList<>() : null;
        List<Change> written = new ArrayList<>();
        boolean changed = false;
        try {
            if (stage.folded != null) {
                for (String ks : stage.folded.keyspaces()) {
                    for (Map.Entry<byte[], TxnWriteSet.Write> e : stage.folded.writes(ks).entrySet()) {
                        TxnWriteSet.Write w = e.getValue();
                        changed |= applyChange(new Change(ks, e.getKey(), w.value(), w.expiresAt(), true), evts, written);
                    }
                }
            }
            for (Change c : stage.changes) {
                changed |= applyChange(c, evts, written);
            }
            for (byte[] k : stage.ttlRemovals) {
                changed |= ttl.remove(k) != null;
                ttlDirty = true;
                touched.put(-1, ttl);
            }
            for (String ks : stage.drops) {
                changed |= dropLocked(ks, seq);
            }
        } catch (RuntimeException | Error e) {
            throw poison(e);
        }
        if (!changed) {
            return 0;
        }
        if (exposeLocked(seq, evts)) {
            for (Change c : written) {
                if (c.record()) {
                    tracker.record(c.keyspace(), c.key(), seq);
                }
            }
        }
        return seq;
    }

    /**
     * The end of applying commit {@code seq} that changed the maps (under the apply lock): makes
     * it the applied one, and publishes its watch events (NONE) or queues them until it is
     * durable. Returns whether the caller must record the keys it wrote for conflict checks.
     */
    private boolean exposeLocked(long seq, List<WatchEvent> evts) {
        appliedSeq = seq;
        if (durability == Durability.NONE) {
            // visible at once (the next read captures a view); record for conflicts after marking
            // the view stale, so a transaction that began meanwhile is either seen as active here
            // or starts from a view captured after this write. Set only when false: it turns false
            // only under the apply lock, and a volatile write on every put costs a fence
            if (!viewStale) {
                viewStale = true;
            }
            if (evts != null && !evts.isEmpty()) {
                hub.publish(evts);
            }
            return tracker.anyActive();
        }
        if (evts != null && !evts.isEmpty()) {
            pendingEvents.add(new PendingEvents(seq, evts));
        }
        return true;
    }

    /** Applies one staged change; true (and {@code c} added to {@code written}) when the map changed. */
    private boolean applyChange(Change c, List<WatchEvent> evts, List<Change> written) {
        if (!applyChange(c.keyspace(), c.key(), c.value(), c.expiresAt(), evts)) {
            return false;
        }
        written.add(c);
        return true;
    }

    /** Applies a put ({@code value} non-null) or a delete; true when the map changed. */
    private boolean applyChange(String keyspace, byte[] key, byte[] value, long expiresAt, List<WatchEvent> evts) {
        LiveKs lk = lastLive;
        if (lk == null || !lk.name().equals(keyspace)) {
            lk = live.get(keyspace);
            if (lk == null) {
                if (value == null) {
                    return false; // a delete in a keyspace that never existed
                }
                lk = createKeyspaceLocked(keyspace);
            }
            lastLive = lk;
        }
        byte[] stored = value == null ? null : Records.encode(value, expiresAt);
        byte[] old = stored == null ? lk.map().remove(key) : lk.map().put(key, stored);
        if (stored == null && old == null) {
            return false;
        }
        if (lk != lastChanged) {
            dirty.add(keyspace);
            touched.put(lk.id(), lk.map());
            lastChanged = lk;
        }
        long oldExp = Records.expiry(old);
        long newExp = Records.expiry(stored);
        if (oldExp != newExp) {
            if (oldExp != Expiry.NEVER) {
                ttl.remove(Records.ttlKey(lk.id(), oldExp, key));
            }
            if (newExp != Expiry.NEVER) {
                ttl.put(Records.ttlKey(lk.id(), newExp, key), Records.EMPTY);
            }
            ttlDirty = true;
            touched.put(-1, ttl);
        }
        if (evts != null) {
            evts.add(stored == null
                    ? new WatchEvent(keyspace, key.clone(), null, WatchEvent.Type.DELETE)
                    : new WatchEvent(keyspace, key.clone(), value.clone(), WatchEvent.Type.PUT));
        }
        return true;
    }

    private LiveKs createKeyspaceLocked(String name) {
        int id = nextKsId++;
        MVMap<byte[], byte[]> map = mv.openMap(Layout.ksMapName(id), Layout.builder());
        touched.put(id, map);
        Layout.put(meta, Layout.K_KS + name, id + "," + map.getId());
        Layout.put(meta, Layout.K_NEXT_KS, Integer.toString(nextKsId));
        LiveKs lk = new LiveKs(name, id, map);
        live.put(name, lk);
        dirty.add(name);
        return lk;
    }

    private boolean dropLocked(String name, long seq) {
        LiveKs lk = live.remove(name);
        if (lk == null) {
            return false;
        }
        lastLive = null;
        List<byte[]> ttlKeys = new ArrayList<>();
        byte[] end = Records.ttlBound(lk.id() + 1, 0);
        for (Cursor<byte[], byte[]> c = ttl.cursor(Records.ttlBound(lk.id(), 0)); c.hasNext(); ) {
            byte[] k = c.next();
            if (Bytes.compare(k, end) >= 0) {
                break;
            }
            ttlKeys.add(k);
        }
        for (byte[] k : ttlKeys) {
            ttl.remove(k);
        }
        ttlDirty |= !ttlKeys.isEmpty();
        touched.put(-1, ttl);
        touched.put(lk.id(), null);
        meta.remove(Bytes.utf8(Layout.K_KS + name));
        mv.removeMap(lk.map());
        dirty.add(name);
        tracker.recordDrop(name, seq);
        return true;
    }

    /** Deletes keys that reads found expired, if they still are (under the apply lock, as its own commit). */
    private void evictExpiredLocked() {
        if (evictions.isEmpty()) {
            return;
        }
        Stage stage = new Stage();
        int n = 0;
        Eviction e;
        while (n < 256 && (e = evictions.poll()) != null) {
            evictionCount.decrementAndGet();
            LiveKs lk = live.get(e.keyspace());
            byte[] stored;
            try {
                stored = lk == null ? null : lk.map().get(e.key());
            } catch (RuntimeException | AssertionError ex) {
                continue; // a damaged page: leave it to the read path to report
            }
            if (stored != null && !Records.live(stored, stage.now)) {
                stage.delete(e.keyspace(), e.key(), false);
                n++;
            }
        }
        if (!stage.isEmpty() && applyLocked(stage, false) > 0) {
            metrics.expired(n);
        }
    }

    /** Queues an expired key met by a read for removal by the next write. */
    void noteExpired(String keyspace, byte[] key) {
        if (!life.isReadOnly() && evictionCount.get() < EVICTION_QUEUE_MAX) {
            evictionCount.incrementAndGet();
            evictions.add(new Eviction(keyspace, key.clone()));
        }
    }

    /** Waits until commit {@code seq} is durable (SYNC, FLUSH) or relieves memory pressure (NONE). */
    private void awaitDurable(long seq) {
        if (durability == Durability.NONE) {
            if (dir != null && mv.getUnsavedMemory() > PRESSURE_BYTES) {
                commitIf(() -> mv.getUnsavedMemory() > PRESSURE_BYTES);
            }
            return;
        }
        syncLock.lock();
        try {
            if (durableSeq >= seq) {
                return; // a group commit by another writer covered this one
            }
            commitLocked(durability == Durability.SYNC);
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Commits everything applied so far, without fsync, if {@code stillDue} holds under the sync
     * lock: a commit that another thread made while this one waited for the lock may have made it
     * unnecessary (the pressure and the timer checks are made before the lock). A second commit
     * right after the first would write every page changed since, and MVStore drops its
     * references to saved pages at each commit, so extra commits slow the writers down.
     */
    private void commitIf(BooleanSupplier stillDue) {
        syncLock.lock();
        try {
            if (stillDue.getAsBoolean()) {
                commitLocked(false);
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** Commits everything applied so far (and fsyncs when asked). */
    private void commitNow(boolean fsync) {
        syncLock.lock();
        try {
            commitLocked(fsync);
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Under the sync lock: writes one MVStore version with every applied commit, fsyncs if asked,
     * then publishes the view and the watch events of what became durable.
     */
    private void commitLocked(boolean fsync) {
        life.ensureOpen();
        View next = null;
        long target;
        boolean wrote;
        List<PendingEvents> deliver = new ArrayList<>();
        applyLock.lock();
        try {
            life.ensureOpen();
            target = appliedSeq;
            recordCountsLocked(target);
            if (durability != Durability.NONE && target > view.seq) {
                next = capture(target);
            }
            // under NONE, move the store's own view (and its version pin) up at every commit, so
            // MVStore can reuse the chunks that older versions used
            publishIfStaleLocked();
            PendingEvents p;
            while ((p = pendingEvents.peekFirst()) != null && p.seq() <= target) {
                deliver.add(pendingEvents.pollFirst());
            }
            wrote = commitVersionLocked(fsync);
        } catch (RuntimeException | Error e) {
            if (next != null) {
                next.releasePin();
            }
            throw poison(e);
        } finally {
            applyLock.unlock();
        }
        try {
            if (fsync) {
                if (asyncCommits) {
                    // wait until MVStore's threads have written every version handed to them
                    mv.executeFilestoreOperation(NOTHING);
                }
                mv.sync();
                metrics.add("btree.fsyncs", 1);
            }
        } catch (RuntimeException | Error e) {
            if (next != null) {
                next.releasePin();
            }
            throw poison(e);
        }
        if (wrote) {
            metrics.add("btree.commits", 1);
        }
        lastCommitNanos = System.nanoTime();
        durableSeq = Math.max(durableSeq, target);
        if (next != null) {
            publish(next);
        }
        for (PendingEvents p : deliver) {
            hub.publish(p.events());
        }
    }

    /**
     * Writes one MVStore version of everything applied (under the apply lock, so no write group is
     * half in it); true when there was something to write. With {@link #asyncCommits} and no
     * fsync wanted, MVStore only takes the maps' roots here and serializes and writes the pages on
     * its own threads while writers go on (as its auto-commit does); otherwise the version is
     * written to the file before this returns.
     */
    private boolean commitVersionLocked(boolean fsync) {
        if (asyncCommits && !fsync) {
            if (mv.tryCommit() >= 0) {
                return true;
            }
            // tryCommit gives up when another store operation holds MVStore's lock
        }
        return mv.commit() >= 0;
    }

    /**
     * Writes the commit sequence number, and the stamp and entry count of every map changed since
     * the last commit, so they commit in the same MVStore version as the data (under the apply lock).
     */
    private void recordCountsLocked(long seq) {
        if (seq > persistedSeq) {
            Layout.put(meta, Layout.K_SEQ, Long.toString(seq));
            persistedSeq = seq;
        }
        for (Map.Entry<Integer, MVMap<byte[], byte[]>> e : touched.entrySet()) {
            String name = e.getKey() < 0 ? Layout.TTL_COUNT : Integer.toString(e.getKey());
            if (e.getValue() == null) {
                Layout.forget(meta, name);
            } else {
                Layout.record(meta, name, e.getValue(), seq);
            }
        }
        touched.clear();
        lastChanged = null;
    }

    private boolean commitDelayPassed() {
        return System.nanoTime() - lastCommitNanos >= TimeUnit.MILLISECONDS.toNanos(options.autoCommitDelayMs());
    }

    private void backgroundCommit() {
        try {
            if (life.isOpen() && failure == null && commitDelayPassed()) {
                commitIf(this::commitDelayPassed);
            }
        } catch (RuntimeException e) {
            if (life.isOpen()) {
                LOG.log(System.Logger.Level.WARNING, "background commit of store " + where + " failed", e);
            }
            // else the store closed meanwhile, and its close committed everything
        }
    }

    /** Records the first fatal failure, closes the store without committing, and returns the error to throw. */
    private StoreException poison(Throwable t) {
        boolean fatal = t instanceof Error && !Errors.isMvStoreAssertion(t);
        StoreException se = fatal ? new dev.oxistore.kv.StoreIOException("store " + where + " failed: " + t, t)
                : Errors.translate(t, where);
        synchronized (this) {
            if (failure == null) {
                failure = se;
                LOG.log(System.Logger.Level.ERROR, "store " + where + " failed and was closed; acknowledged commits are on disk, "
                        + "reopen it to recover", t);
                life.close("the store failed and was closed (" + se.getMessage() + "): open it again to recover");
                releaseAllPins();
                mv.closeImmediately();
                if (committer != null) {
                    committer.shutdownNow();
                }
                hub.close();
                if (dir != null) {
                    dir.close();
                }
            }
        }
        if (fatal) {
            throw (Error) t;
        }
        return se;
    }

    private void releaseAllPins() {
        for (View v : new ArrayList<>(pinnedViews)) {
            v.releasePin();
        }
        mvOpen.set(false);
    }

    // ------------------------------------------------------------------ hooks for this package's tests

    /** The lock a group commit holds; a test holds it to line writers up behind one commit. */
    ReentrantLock commitLockForTests() {
        return syncLock;
    }

    /** The sequence number of the last applied (not necessarily durable) write. */
    long appliedSeqForTests() {
        applyLock.lock();
        try {
            return appliedSeq;
        } finally {
            applyLock.unlock();
        }
    }

    // ------------------------------------------------------------------ KvStore

    @Override
    public EngineKind kind() {
        return EngineKind.BTREE;
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    public Optional<Path> path() {
        return dir == null ? Optional.empty() : Optional.of(dir.dir());
    }

    @Override
    public Set<Capability> capabilities() {
        return dir == null ? MEMORY_CAPABILITIES : FILE_CAPABILITIES;
    }

    @Override
    public Keyspace keyspace(String name) {
        life.ensureOpen();
        Checks.keyspaceName(name);
        return DEFAULT_KEYSPACE.equals(name) ? defaultSpace : new BtreeKeyspace(name, this, config, metrics, life);
    }

    @Override
    public Set<String> keyspaces() {
        life.ensureOpen();
        TreeSet<String> names = new TreeSet<>(currentView().keyspaces.keySet());
        names.add(DEFAULT_KEYSPACE);
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public boolean dropKeyspace(String name) {
        life.ensureWritable();
        Checks.keyspaceName(name);
        if (DEFAULT_KEYSPACE.equals(name)) {
            throw new InvalidArgumentException("the default keyspace cannot be dropped: delete its keys instead");
        }
        return write(false, stage -> {
            boolean exists = live.containsKey(name);
            if (exists) {
                stage.drops.add(name);
            }
            return exists;
        });
    }

    @Override
    public void write(WriteBatch batch) {
        life.ensureWritable();
        if (batch == null) {
            throw new InvalidArgumentException("batch is null: pass a WriteBatch");
        }
        BatchTally tally = BatchTally.check(batch, config);
        if (batch.isEmpty()) {
            return;
        }
        write(true, stage -> {
            TxnWriteSet folded = new TxnWriteSet();
            folded.addAll(batch, config, stage, stage.now);
            stage.adopt(folded);
            return null;
        });
        tally.record(metrics);
    }

    @Override
    public KvTxn begin() {
        life.ensureOpen();
        View v;
        if (durability == Durability.NONE) {
            // a stale view is refreshed under the apply lock, which must come before the tracker's
            // registry lock (writers prune the tracker under the apply lock); holding it also means
            // no write is half applied while the transaction registers
            applyLock.lock();
            try {
                v = tracker.begin(this::acquireView);
            } finally {
                applyLock.unlock();
            }
        } else {
            v = tracker.begin(this::acquireView); // views are published only at commits: no lock taken
        }
        return new SnapshotTxn(new TxnView(v), config, metrics, life);
    }

    /** A transaction's start: its view, and the commit that checks for conflicts. */
    private final class TxnView implements TxnBase {
        private final View v;

        TxnView(View v) {
            this.v = v;
        }

        @Override
        public TimedValue read(String keyspace, byte[] key, long nowMillis) {
            return v.read(keyspace, key, nowMillis);
        }

        @Override
        public KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle owner) {
            return v.scan(keyspace, range, nowMillis, owner);
        }

        @Override
        public long count(String keyspace, long nowMillis) {
            return v.count(keyspace, nowMillis);
        }

        @Override
        public void commit(TxnWriteSet writes) {
            if (writes.isEmpty()) {
                return;
            }
            write(true, stage -> {
                Map<String, Iterable<byte[]>> keys = new HashMap<>();
                for (String ks : writes.keyspaces()) {
                    NavigableMap<byte[], TxnWriteSet.Write> w = writes.writes(ks);
                    keys.put(ks, w.keySet());
                }
                String why = tracker.conflict(v.seq, keys);
                if (why != null) {
                    throw new TxnConflictException("write-write conflict: " + why + "; nothing was applied: "
                            + "run the transaction again (KvStore.inTransaction retries for you)");
                }
                stage.adopt(writes);
                return null;
            });
            writes.forEach((ks, key, w) -> {
                if (w.isDelete()) {
                    metrics.delete();
                } else {
                    metrics.write();
                }
            });
        }

        @Override
        public void release() {
            v.release();
            tracker.end(v.seq);
        }
    }

    @Override
    public KvSnapshot snapshot() {
        life.ensureOpen();
        View v = acquireView();
        return new ViewSnapshot(v, config, metrics, life, v::release);
    }

    @Override
    public long purgeExpired() {
        life.ensureWritable();
        long total = 0;
        while (true) {
            long n = write(false, stage -> {
                int found = 0;
                for (LiveKs lk : live.values()) {
                    byte[] end = Records.ttlBound(lk.id(), stage.now + 1);
                    Cursor<byte[], byte[]> c;
                    try {
                        c = ttl.cursor(Records.ttlBound(lk.id(), 0));
                        while (found < PURGE_BATCH && c.hasNext()) {
                            byte[] tk = c.next();
                            if (Bytes.compare(tk, end) >= 0) {
                                break;
                            }
                            byte[] key = Records.ttlUserKey(tk);
                            byte[] stored = lk.map().get(key);
                            if (stored != null && Records.expiry(stored) == Records.ttlExpiry(tk)) {
                                stage.delete(lk.name(), key, false);
                            } else {
                                stage.ttlRemovals.add(tk); // an index entry whose value moved on
                            }
                            found++;
                        }
                    } catch (RuntimeException | AssertionError e) {
                        throw Errors.translate(e, where);
                    }
                }
                return (long) found;
            });
            total += n;
            if (n < PURGE_BATCH) {
                break;
            }
        }
        metrics.expired(total);
        return total;
    }

    long fileSize() {
        FileStore<?> fs = mv.getFileStore();
        return fs == null || !mvOpen.get() ? 0 : fs.size();
    }

    @Override
    public long sizeOnDisk() {
        life.ensureOpen();
        return fileSize();
    }

    @Override
    public long compact() {
        life.ensureWritable();
        if (dir == null) {
            return 0;
        }
        // MVStore commits while it compacts, so writers wait (readers do not): a commit in the
        // middle of a write group would split it
        syncLock.lock();
        applyLock.lock();
        try {
            life.ensureOpen();
            long before = fileSize();
            commitLocked(false);
            try {
                Compaction.run(mv, this::republish);
            } catch (RuntimeException | Error e) {
                throw poison(e);
            }
            commitLocked(true);
            long after = fileSize();
            metrics.add("btree.compactions", 1);
            return Math.max(0, before - after);
        } finally {
            applyLock.unlock();
            syncLock.unlock();
        }
    }

    /**
     * Commits and publishes a fresh view of every keyspace, so the store's own view pins the
     * newest version and compaction may reclaim what older versions used (under the sync lock).
     */
    private void republish() {
        View next;
        applyLock.lock();
        try {
            dirty.addAll(live.keySet());
            dirty.addAll(view.keyspaces.keySet());
            ttlDirty = true;
            mv.commit();
            next = capture(appliedSeq);
        } finally {
            applyLock.unlock();
        }
        publish(next);
    }

    @Override
    public void flush() {
        life.ensureOpen();
        if (life.isReadOnly() || dir == null) {
            return;
        }
        commitNow(true);
    }

    @Override
    public void backup(Path target) {
        life.ensureOpen();
        View v = acquireView();
        try {
            int next;
            applyLock.lock();
            try {
                next = nextKsId;
            } finally {
                applyLock.unlock();
            }
            Backup.write(v, target, options, next, where);
            metrics.add("btree.backups", 1);
        } finally {
            v.release();
        }
    }

    @Override
    public IntegrityReport checkIntegrity() {
        life.ensureOpen();
        View v = acquireView();
        try {
            FrozenMap metaNow;
            applyLock.lock();
            try {
                metaNow = new FrozenMap(meta);
            } finally {
                applyLock.unlock();
            }
            if (dir != null) {
                // drop the page cache so every page is read (and its checksums verified) from disk
                mv.setCacheSize(Math.max(1, mv.getCacheSize()) * 1024);
            }
            return Integrity.check(v, metaNow);
        } finally {
            v.release();
        }
    }

    @Override
    public StoreMetrics metrics() {
        life.ensureOpen();
        return metrics.snapshot();
    }

    @Override
    public boolean isOpen() {
        return life.isOpen();
    }

    @Override
    public void close() {
        if (!life.close()) {
            return;
        }
        if (committer != null) {
            committer.shutdownNow();
        }
        StoreException error = null;
        syncLock.lock();
        applyLock.lock();
        try {
            if (failure == null) {
                try {
                    if (!config.readOnly()) {
                        recordCountsLocked(appliedSeq);
                    }
                    releaseAllPins();
                    mv.close(); // commits what is left, writes the clean-shutdown header, fsyncs
                    durableSeq = appliedSeq;
                    for (PendingEvents p : pendingEvents) {
                        hub.publish(p.events());
                    }
                    pendingEvents.clear();
                } catch (RuntimeException | AssertionError e) {
                    mv.closeImmediately();
                    error = Errors.translate(e, where);
                }
            }
        } finally {
            applyLock.unlock();
            syncLock.unlock();
            hub.close();
            if (dir != null) {
                dir.close();
            }
        }
        if (error != null) {
            throw error;
        }
    }

    @Override
    public String toString() {
        return "BtreeStore[" + where + (isOpen() ? "" : ", closed") + "]";
    }

    @Override
    public Keyspace defaultKeyspace() {
        return defaultSpace;
    }
}
