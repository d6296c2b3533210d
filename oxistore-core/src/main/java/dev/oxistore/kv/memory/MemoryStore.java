package dev.oxistore.kv.memory;

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
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.DefaultKeyspaceStore;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.SnapshotTxn;
import dev.oxistore.kv.spi.ViewSnapshot;
import dev.oxistore.kv.spi.WatchHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory, multi-version store behind {@link EngineKind#MEMORY}.
 *
 * <h2>Design</h2>
 *
 * <p><b>Versions.</b> Every commit (a put, a batch, a transaction, a purge) takes the next number
 * of one global sequence. Each keyspace is a {@code ConcurrentSkipListMap} from key to the head
 * of that key's chain of {@link Version}s, newest first: each version holds the sequence number
 * that wrote it, the value or a tombstone, and its absolute expiry. A commit prepends its
 * versions under the single commit lock, then publishes its sequence number in one volatile
 * write ({@link Committer#visibleSeq()}); a reader at sequence number {@code s} sees, per key, the
 * newest version with a number at or below {@code s}. So a batch or transaction is visible all
 * at once or not at all, readers never block, and writers never wait for readers.
 *
 * <p><b>Pinning.</b> A snapshot, a transaction, a store cursor and a {@code getAll} call each pin
 * the visible sequence number in the {@link PinRegistry} and read at it; nothing is copied, so
 * opening a snapshot of a million keys costs one skip-list insertion. Plain {@code get} does not
 * pin: it takes the newest visible version of one key, which is linearizable on its own.
 * Expiry is judged against the store's clock at read time, in every view.
 *
 * <p><b>Reclamation.</b> A version is visible to readers at the numbers from its own up to that
 * of the next newer version of its key. The newest version always stays (unpinned readers need
 * it); an older one stays only while some pin falls in its range, so a long-lived snapshot keeps
 * one version per key it can see, not every overwrite since ({@link VersionChain#prune}). Pruning
 * only redirects links of versions that stay, so readers walking a chain meanwhile never miss a
 * version they need. A key whose only version is a tombstone at or below the oldest pin (the
 * horizon) leaves the map altogether; keeping newer tombstones lets a transaction's commit still
 * see that someone deleted its key. Chains are pruned when written (right after the commit
 * becomes visible, so an overwritten key keeps one version when nothing is pinned), when a
 * keyspace is dropped, and by {@link #compact()} and {@link #purgeExpired()}, which sweep every
 * chain and so reclaim what closed snapshots left behind. Reclamation needs no cooperation from
 * readers, and a version a live pin can see is never unlinked.
 *
 * <p><b>Counting.</b> Each keyspace keeps the number of keys whose newest version is a value and
 * an index of expiring keys by time, so {@link #count()} is O(1) without ttls and otherwise
 * subtracts the expired-but-unpurged keys found at the head of the index. A view pinned at or
 * after the keyspace's last write uses the same figures; an older view counts its chains.
 *
 * <p><b>Transactions.</b> {@link #begin()} pins a number and returns the shared
 * {@link SnapshotTxn}: reads see the pinned view with the transaction's buffered writes laid over
 * it, and commit checks under the lock that no key it writes has a version newer than its start
 * (first committer wins) before applying everything as one commit.
 */
final class MemoryStore implements DefaultKeyspaceStore {

    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.TRANSACTIONS, Capability.SNAPSHOTS, Capability.TTL, Capability.MERGE, Capability.WATCH,
            Capability.KEYSPACES, Capability.INTEGRITY_CHECK, Capability.READ_ONLY_OPEN));
    private static final AtomicLong STORE_IDS = new AtomicLong();

    private final StoreConfig config;
    private final Lifecycle life;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final WatchHub hub;
    private final KeyspaceRegistry registry = new KeyspaceRegistry();
    private final Committer committer;
    private final MemoryKeyspace defaultSpace;

    MemoryStore(StoreConfig config) {
        this.config = config;
        this.life = Lifecycle.root("the store is closed (an in-memory store's data is gone): open a new one",
                config.readOnly());
        this.hub = new WatchHub("memory-" + STORE_IDS.incrementAndGet());
        this.committer = new Committer(registry, config, metrics, hub, life);
        this.defaultSpace = newKeyspace(DEFAULT_KEYSPACE);
        metrics.gauge("versions", this::retainedVersions);
        metrics.gauge("pins", () -> committer.pins().size());
    }

    private MemoryKeyspace newKeyspace(String name) {
        return new MemoryKeyspace(name, registry, committer, config, metrics, hub, life);
    }

    /** The number of versions held in all chains: what reclamation keeps down. */
    long retainedVersions() {
        long n = 0;
        for (KeyspaceData space : registry.all()) {
            n += space.versions();
        }
        return n;
    }

    /** The data of keyspace {@code name}, or null before its first write (for tests). */
    KeyspaceData keyspaceData(String name) {
        return registry.get(name);
    }

    /** The number of open pins (snapshots, transactions, cursors). */
    int pinCount() {
        return committer.pins().size();
    }

    @Override
    public EngineKind kind() {
        return EngineKind.MEMORY;
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    public Optional<Path> path() {
        return Optional.empty();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Keyspace keyspace(String name) {
        life.ensureOpen();
        Checks.keyspaceName(name);
        return DEFAULT_KEYSPACE.equals(name) ? defaultSpace : newKeyspace(name);
    }

    @Override
    public Set<String> keyspaces() {
        life.ensureOpen();
        TreeSet<String> names = new TreeSet<>();
        names.add(DEFAULT_KEYSPACE);
        for (KeyspaceData space : registry.all()) {
            if (space.isListed()) {
                names.add(space.name);
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public boolean dropKeyspace(String name) {
        life.ensureWritable();
        Checks.keyspaceName(name);
        if (DEFAULT_KEYSPACE.equals(name)) {
            throw new InvalidArgumentException("the default keyspace cannot be dropped: delete its keys instead");
        }
        return committer.drop(name);
    }

    @Override
    public void write(WriteBatch batch) {
        life.ensureWritable();
        if (batch == null) {
            throw new InvalidArgumentException("batch is null: pass a WriteBatch");
        }
        if (!batch.isEmpty()) {
            committer.write(batch);
        }
    }

    @Override
    public KvTxn begin() {
        life.ensureOpen();
        return new SnapshotTxn(new MemoryView(registry, committer, committer.pins().pin()), config, metrics, life);
    }

    @Override
    public KvSnapshot snapshot() {
        life.ensureOpen();
        PinRegistry.Pin pin = committer.pins().pin();
        return new ViewSnapshot(new MemoryView(registry, committer, pin), config, metrics, life,
                () -> committer.pins().release(pin));
    }

    @Override
    public long purgeExpired() {
        life.ensureWritable();
        long purged = committer.purgeExpired();
        committer.pruneAll();
        return purged;
    }

    @Override
    public long sizeOnDisk() {
        life.ensureOpen();
        return 0;
    }

    /** Prunes every chain down to what open pins need; frees memory, not disk, so reports 0 bytes. */
    @Override
    public long compact() {
        life.ensureOpen();
        committer.pruneAll();
        return 0;
    }

    @Override
    public void flush() {
        life.ensureOpen();
    }

    @Override
    public void backup(Path target) {
        life.ensureOpen();
        throw new UnsupportedFeatureException(Capability.BACKUP, "the MEMORY engine keeps nothing on disk and "
                + "cannot back up: use a persistent engine such as EngineKind.BTREE (artifact "
                + EngineKind.BTREE.artifactId() + ") and back that up");
    }

    @Override
    public IntegrityReport checkIntegrity() {
        life.ensureOpen();
        List<String> problems = new ArrayList<>();
        long checked = committer.verify(problems);
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
        if (life.close()) {
            hub.close();
            committer.release();
        }
    }

    @Override
    public String toString() {
        return "MemoryStore[" + (isOpen() ? "open" : "closed") + ", keyspaces=" + registry.all().size() + "]";
    }

    @Override
    public Keyspace defaultKeyspace() {
        return defaultSpace;
    }
}
