package dev.oxistore.kv.lsm;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.sst.TableWriter;
import dev.oxistore.kv.lsm.version.Manifest;
import dev.oxistore.kv.spi.BatchTally;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.DefaultKeyspaceStore;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.Merges;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.SnapshotTxn;
import dev.oxistore.kv.spi.ViewSnapshot;
import dev.oxistore.kv.spi.WatchHub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open LSM store.
 *
 * <h2>Design</h2>
 *
 * <p>Writes go to a write-ahead log and a sorted memtable ({@link Committer}); full memtables are
 * frozen and flushed by a background thread into level-0 SSTables ({@link TableWriter},
 * {@link TableReader}), and a second thread merges tables down the levels ({@link Compaction}).
 * Which tables are live is recorded in the manifest ({@link Manifest}); every file is created
 * whole (write, fsync, rename) before the manifest names it, and deleted only after the manifest
 * stopped naming it and no reader holds it. Keyspaces share the log, the memtables and the tables:
 * an internal key starts with the keyspace's id ({@link InternalKey}), so a batch across
 * keyspaces is one log record, atomic by construction.
 *
 * <p>Every commit takes consecutive sequence numbers; readers read at the visible number, and a
 * snapshot or transaction pins one ({@link Pins}), which compaction honours. Merges are stored as
 * merge records and folded on read and in compaction; expiry is judged on every read and expired
 * values are dropped by bottom-level compaction or replaced by tombstones by
 * {@link #purgeExpired()}. Reopening replays the logs after the last flush ({@link Recovery}).
 */
final class LsmStore implements DefaultKeyspaceStore {

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.PERSISTENT, Capability.TRANSACTIONS, Capability.SNAPSHOTS, Capability.TTL, Capability.MERGE,
            Capability.WATCH, Capability.KEYSPACES, Capability.BACKUP, Capability.COMPACTION,
            Capability.INTEGRITY_CHECK, Capability.READ_ONLY_OPEN));
    private static final AtomicLong STORE_IDS = new AtomicLong();

    private final Path path;
    private final StoreConfig config;
    private final StoreFiles files;
    private final Tree tree;
    private final Committer committer;
    private final Background background;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final WatchHub hub;
    private final Lifecycle life;
    private final LsmKeyspace defaultSpace;

    private LsmStore(Path path, StoreConfig config, StoreFiles files, Recovery.Recovered r) {
        this.path = path;
        this.config = config;
        this.files = files;
        this.tree = r.tree();
        this.life = Lifecycle.root("the LSM store at " + path + " is closed: open it again", config.readOnly());
        String name = "lsm-" + STORE_IDS.incrementAndGet();
        this.hub = new WatchHub(name);
        if (config.readOnly()) {
            this.background = null;
            this.committer = null;
        } else {
            this.background = new Background(tree, metrics);
            this.committer = new Committer(tree, r.wal(), background, hub, metrics);
            background.start(name);
        }
        this.defaultSpace = new LsmKeyspace(DEFAULT_KEYSPACE, tree, committer, metrics, hub, life);
        metrics.gauge("lsm.tables", () -> tree.current().version().tableCount());
        metrics.gauge("lsm.level0Tables", () -> tree.current().version().level(0).size());
        metrics.gauge("lsm.immutableMemtables", () -> tree.current().imms().size());
        metrics.gauge("lsm.memtableBytes", () -> tree.current().mem().bytes());
        metrics.gauge("lsm.pins", tree.pins::size);
        metrics.gauge("lsm.visibleSeq", tree::visibleSeq);
    }

    /** Opens (or creates) the store at {@code path}, with file channels from {@code io}. */
    static LsmStore open(Path path, StoreConfig config, FileIo io) {
        if (config == null) {
            throw new InvalidArgumentException("config is null: pass StoreConfig.defaults() or a built configuration");
        }
        LsmOptions options = LsmOptions.from(config);
        StoreFiles files = StoreFiles.open(path, io, config.readOnly(), config.createIfMissing());
        try {
            return new LsmStore(path, config, files, Recovery.run(files, options, config));
        } catch (IOException e) {
            files.close();
            throw files.ioError("recovery", e);
        } catch (RuntimeException | Error e) {
            files.close();
            throw e;
        }
    }

    Tree tree() {
        return tree;
    }

    Background background() {
        return background;
    }

    @Override
    public EngineKind kind() {
        return EngineKind.LSM;
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    public Optional<Path> path() {
        return Optional.of(path);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Keyspace defaultKeyspace() {
        return defaultSpace;
    }

    @Override
    public Keyspace keyspace(String name) {
        life.ensureOpen();
        Checks.keyspaceName(name);
        return DEFAULT_KEYSPACE.equals(name) ? defaultSpace : new LsmKeyspace(name, tree, committer, metrics, hub, life);
    }

    @Override
    public Set<String> keyspaces() {
        life.ensureOpen();
        TreeSet<String> names = new TreeSet<>(tree.keyspaces.liveNames());
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
        boolean[] existed = new boolean[1];
        committer.commit(c -> {
            existed[0] = tree.keyspaces.live(name) != null;
            return existed[0] ? List.of(new Committer.Write(name, Committer.DROP, null, null, 0)) : List.of();
        }, true);
        return existed[0];
    }

    @Override
    public void write(WriteBatch batch) {
        life.ensureWritable();
        if (batch == null) {
            throw new InvalidArgumentException("batch is null: pass a WriteBatch");
        }
        if (batch.isEmpty()) {
            return;
        }
        BatchTally tally = BatchTally.check(batch, config);
        long now = config.clock().millis();
        List<Committer.Write> writes = new ArrayList<>(batch.size());
        for (WriteBatch.Op op : batch.ops()) {
            writes.add(switch (op) {
                case WriteBatch.Put p -> new Committer.Write(p.keyspace(), InternalKey.PUT, p.key(), p.value(),
                        p.ttl() == null ? Expiry.NEVER : Expiry.deadline(now, p.ttl()));
                case WriteBatch.Delete d -> new Committer.Write(d.keyspace(), InternalKey.DELETE, d.key(), null, Expiry.NEVER);
                case WriteBatch.Merge m -> new Committer.Write(m.keyspace(), InternalKey.MERGE, m.key(), m.operand(), Expiry.NEVER);
            });
        }
        committer.commit(c -> writes, false);
        tally.record(metrics);
    }

    private LsmView pinnedView() {
        long seq = tree.pins.pinCurrent(tree::visibleSeq);
        return new LsmView(tree, committer, metrics, life, seq);
    }

    @Override
    public KvTxn begin() {
        life.ensureOpen();
        return new SnapshotTxn(pinnedView(), config, metrics, life);
    }

    @Override
    public KvSnapshot snapshot() {
        life.ensureOpen();
        LsmView view = pinnedView();
        return new ViewSnapshot(view, config, metrics, life, view::release);
    }

    @Override
    public long purgeExpired() {
        life.ensureWritable();
        long[] purged = new long[1];
        committer.commit(c -> {
            long now = config.clock().millis();
            List<Committer.Write> deletes = new ArrayList<>();
            for (String name : tree.keyspaces.liveNames()) {
                Keyspaces.Info info = tree.keyspaces.live(name);
                for (byte[] key : LsmCursor.expiredKeys(tree, info, tree.lastSeq, now, life)) {
                    deletes.add(new Committer.Write(name, InternalKey.DELETE, key, null, Expiry.NEVER));
                }
            }
            purged[0] = deletes.size();
            return deletes;
        }, true);
        metrics.expired(purged[0]);
        return purged[0];
    }

    @Override
    public long sizeOnDisk() {
        life.ensureOpen();
        return files.size();
    }

    /** Flushes the memtables and rewrites every table into the deepest level, dropping what no reader needs. */
    @Override
    public long compact() {
        life.ensureWritable();
        long before = files.size();
        committer.flushMemtables();
        try {
            background.compactAll();
        } catch (IOException e) {
            tree.setBackgroundError("compaction", e);
            throw files.ioError("compaction", e);
        }
        return Math.max(0, before - files.size());
    }

    @Override
    public void flush() {
        life.ensureOpen();
        if (committer != null) {
            committer.syncLog();
        }
    }

    @Override
    public void backup(Path target) {
        life.ensureOpen();
        Backup.write(tree, target);
    }

    @Override
    public IntegrityReport checkIntegrity() {
        life.ensureOpen();
        List<String> problems = new ArrayList<>();
        long checked = 0;
        ReadState rs = tree.acquire();
        try {
            for (List<TableReader> level : rs.version().levels) {
                for (TableReader t : level) {
                    checked += t.verify(problems);
                }
            }
            checked += rs.mem().map.size();
            for (Memtable m : rs.imms()) {
                checked += m.map.size();
            }
        } finally {
            tree.release(rs);
        }
        return new IntegrityReport(checked, problems);
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
        IOException error = null;
        try {
            if (committer != null) {
                try {
                    if (tree.backgroundError() == null && flushOnClose()) {
                        committer.flushMemtables();
                    }
                } catch (IOException | RuntimeException e) {
                    // the log still holds everything: the next open replays it
                }
                background.stop();
                try {
                    committer.close();
                } catch (IOException e) {
                    error = e;
                }
            }
            try {
                tree.closeTables(); // even when the log failed: no table or manifest handle outlives the store
            } catch (IOException e) {
                error = error == null ? e : error;
            }
            if (error != null) {
                throw files.ioError("close", error);
            }
        } finally {
            hub.close();
            files.close();
        }
    }

    /**
     * A small memtable stays in the log at close (the next open replays it, cheaper than writing
     * a tiny table); a large one, frozen ones, or a pile of logs are flushed.
     */
    private boolean flushOnClose() throws IOException {
        ReadState rs = tree.current();
        if (!rs.imms().isEmpty() || rs.mem().bytes() >= tree.options.memtableSize() / 4) {
            return true;
        }
        long logs = files.list().stream().filter(n -> n.endsWith(".log")).count();
        return logs > 4;
    }

    /**
     * For tests: stops as a killed process would after its writes reached the OS (no memtable
     * flush, no final manifest edit), releasing files and the lock so the directory can be reopened.
     */
    void abandonForTest() throws IOException {
        if (!life.close()) {
            return;
        }
        try {
            if (committer != null) {
                background.stop();
                committer.close();
            }
            tree.closeTables();
        } finally {
            hub.close();
            files.close();
        }
    }

    @Override
    public String toString() {
        return "LsmStore[" + path + ", " + (isOpen() ? "open" : "closed") + "]";
    }
}
