package dev.oxistore.kv.lsm;

import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.sst.BloomFilter;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.version.Manifest;
import dev.oxistore.kv.lsm.version.Version;
import dev.oxistore.kv.lsm.version.VersionEdit;
import dev.oxistore.kv.spi.TimedValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The tree itself: the current {@link ReadState}, the manifest, the visible sequence number and
 * the pins, with the read path (point reads, merged sources) and the installation of new table
 * versions. Writers go through {@link Committer}, background work through {@link Background}.
 */
final class Tree {

    final StoreFiles files;
    final LsmOptions options;
    final StoreConfig config;
    final Keyspaces keyspaces;
    final Pins pins = new Pins();
    final PhaseTrace trace;
    private final AtomicLong nextFileNumber;
    private final AtomicLong visibleSeq;
    private final Object stateLock = new Object();
    private final ReentrantLock roomLock = new ReentrantLock();
    private final Condition roomChanged = roomLock.newCondition();
    private final Set<TableReader> openTables = ConcurrentHashMap.newKeySet();
    private final VersionEdit.State manifestState;
    private volatile ReadState state;
    private Manifest manifest;
    private volatile RuntimeException backgroundError;
    /** The last sequence number assigned (written under the commit lock, read by flush edits). */
    volatile long lastSeq;

    Tree(StoreFiles files, LsmOptions options, StoreConfig config, Keyspaces keyspaces, VersionEdit.State manifestState,
         ReadState initial, long nextFileNumber, long lastSeq, Manifest manifest) {
        this.files = files;
        this.options = options;
        this.config = config;
        this.keyspaces = keyspaces;
        this.manifestState = manifestState;
        this.trace = PhaseTrace.of(options);
        this.state = initial;
        this.nextFileNumber = new AtomicLong(nextFileNumber);
        this.visibleSeq = new AtomicLong(lastSeq);
        this.lastSeq = lastSeq;
        this.manifest = manifest;
        for (List<TableReader> l : initial.version().levels) {
            openTables.addAll(l);
        }
    }

    long newFileNumber() {
        return nextFileNumber.getAndIncrement();
    }

    long visibleSeq() {
        return visibleSeq.get();
    }

    /** Makes everything up to {@code seq} visible to readers (never moves backwards). */
    void publish(long seq) {
        visibleSeq.accumulateAndGet(seq, Math::max);
    }

    ReadState current() {
        return state;
    }

    /** The current state with a reference on its version; release with {@link #release}. */
    ReadState acquire() {
        while (true) {
            ReadState rs = state;
            if (rs.version().tryRef()) {
                return rs;
            }
            if (state == rs) {
                // installs publish the new state before letting go of the old version, so a dead
                // current version means closeTables ran: spinning here would never end
                throw new StoreClosedException("the LSM store at " + files.dir() + " is closed: open it again");
            }
        }
    }

    void release(ReadState rs) {
        rs.version().unref();
    }

    // ------------------------------------------------------------------ reads

    /**
     * The live value of {@code userKey} in keyspace {@code ks} at {@code seq}, or null. Safe for
     * a pinned {@code seq} or one at least the visible number; unpinned readers use
     * {@link #get(ReadState, int, byte[], long, long)} with a state acquired before they read the
     * visible number.
     */
    TimedValue get(int ks, byte[] userKey, long seq, long nowMillis) {
        ReadState rs = acquire();
        try {
            return get(rs, ks, userKey, seq, nowMillis);
        } finally {
            release(rs);
        }
    }

    /**
     * Like {@link #get(int, byte[], long, long)} in a state the caller holds. An unpinned reader
     * must acquire the state first and read the visible number after: every version a compaction
     * dropped from that state was hidden at a number no greater than the visible one then.
     */
    TimedValue get(ReadState rs, int ks, byte[] userKey, long seq, long nowMillis) {
        return collect(rs, ks, userKey, seq).resolve(config, userKey, nowMillis);
    }

    /** The sequence number of the newest version of the key (committed or in flight), or -1. */
    long latestSeq(int ks, byte[] userKey) {
        ReadState rs = acquire();
        try {
            byte[] lookup = InternalKey.of(ks, userKey, InternalKey.MAX_SEQ, InternalKey.DELETE);
            for (Source s : pointSources(rs, lookup)) {
                s.seek(lookup);
                if (s.valid() && InternalKey.sameUkey(s.key(), lookup)) {
                    return InternalKey.seq(s.key());
                }
            }
            return -1;
        } finally {
            release(rs);
        }
    }

    /** The versions of a key visible at {@code seq}, newest first, down to the one that settles it. */
    Versions collect(ReadState rs, int ks, byte[] userKey, long seq) {
        byte[] lookup = InternalKey.of(ks, userKey, seq, InternalKey.DELETE);
        Versions v = new Versions();
        for (Source s : pointSources(rs, lookup)) {
            s.seek(lookup);
            while (s.valid() && InternalKey.sameUkey(s.key(), lookup)) {
                v.add(s.key(), s.value());
                if (v.complete()) {
                    return v;
                }
                s.advance();
            }
        }
        return v;
    }

    /** The sources that may hold the key, in recency order, bloom filters applied. */
    private List<Source> pointSources(ReadState rs, byte[] lookup) {
        List<Source> out = new ArrayList<>();
        out.add(new Source.Mem(rs.mem().map, false));
        for (Memtable m : rs.imms()) {
            out.add(new Source.Mem(m.map, false));
        }
        long hash = BloomFilter.hash(lookup, InternalKey.ukeyLength(lookup));
        Version v = rs.version();
        for (TableReader t : v.level(0)) {
            if (InternalKey.compareUkey(t.meta.smallest(), lookup) <= 0 && InternalKey.compareUkey(t.meta.largest(), lookup) >= 0
                    && t.mayContain(hash)) {
                out.add(Source.table(t, false));
            }
        }
        for (int l = 1; l < v.levels.size(); l++) {
            TableReader t = Version.find(v.level(l), lookup);
            if (t != null && t.mayContain(hash)) {
                out.add(Source.table(t, false));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ memtables and versions

    /** Freezes the active memtable (caller holds the commit lock and has rotated the log to {@code nextLog}). */
    void freeze(long nextLog, long maxSeq) {
        synchronized (stateLock) {
            ReadState rs = state;
            rs.mem().nextLogNumber = nextLog;
            rs.mem().maxSeq = maxSeq;
            List<Memtable> imms = new ArrayList<>();
            imms.add(rs.mem());
            imms.addAll(rs.imms());
            state = new ReadState(new Memtable(), List.copyOf(imms), rs.version());
        }
    }

    /** The oldest frozen memtable, or null. */
    Memtable oldestImmutable() {
        List<Memtable> imms = state.imms();
        return imms.isEmpty() ? null : imms.getLast();
    }

    /**
     * Logs {@code edit} to the manifest and installs the version it describes. {@code opened} are
     * the readers of the tables the edit adds (in order); {@code change} adjusts the memtables
     * (a flush drops the one it wrote).
     */
    void install(VersionEdit edit, List<TableReader> opened, UnaryOperator<ReadState> change) throws IOException {
        synchronized (stateLock) {
            edit.nextFileNumber = nextFileNumber.get();
            edit.lastSeq = lastSeq;
            edit.nextKeyspaceId = keyspaces.nextId();
            edit.keyspaces.addAll(durableKeyspaces());
            manifest.append(edit);
            manifestState.apply(edit);
            ReadState rs = state;
            List<List<TableReader>> levels = rs.version().mutableLevels();
            for (long[] d : edit.deleted) {
                levels.get((int) d[0]).removeIf(t -> t.number() == d[1]);
            }
            for (int i = 0; i < edit.added.size(); i++) {
                TableReader t = opened.get(i);
                openTables.add(t);
                levels.get(edit.added.get(i).level()).add(t);
            }
            levels.get(0).sort(Comparator.comparingLong(TableReader::number).reversed());
            for (int l = 1; l < levels.size(); l++) {
                levels.get(l).sort((a, b) -> InternalKey.compare(a.meta.smallest(), b.meta.smallest()));
            }
            Version next = new Version(levels);
            state = change.apply(new ReadState(rs.mem(), rs.imms(), next));
            rs.version().unref();
            openTables.removeIf(TableReader::released);
            if (manifest.size() > options.maxManifestSize()) {
                rewriteManifest();
            }
        }
        signalRoom();
    }

    /**
     * Replaces the grown manifest by a snapshot (caller holds the state lock). The edit that
     * grew it is already durable and installed, so a failure here must not reach the caller (a
     * compaction would take its installed outputs for orphans): it stops manifest writes and
     * becomes the background error, and the next open recovers from whichever manifest CURRENT
     * names, both complete.
     */
    private void rewriteManifest() {
        Manifest fresh;
        try {
            fresh = Manifest.create(files, newFileNumber(), manifestState, manifest.number());
        } catch (IOException e) {
            manifest.markFailed(e);
            setBackgroundError("manifest rewrite", e);
            return;
        }
        Manifest old = manifest;
        manifest = fresh;
        try {
            old.close();
        } catch (IOException ignored) {
            // everything in it was fsynced, and CURRENT names the new one
        }
    }

    /**
     * The keyspaces as of the visible sequence number, for the manifest. A creation or drop past
     * it belongs to a commit still waiting for its log fsync: recording it would make it survive
     * a crash that loses the rest of that commit (an empty keyspace whose first write is gone).
     * Once durable it is in a log the next open replays, which applies it again.
     */
    private List<Keyspaces.Info> durableKeyspaces() {
        long visible = visibleSeq();
        List<Keyspaces.Info> out = new ArrayList<>();
        for (Keyspaces.Info i : keyspaces.all()) {
            if (i.createdSeq() > visible) {
                continue;
            }
            out.add(i.droppedSeq() != Keyspaces.LIVE && i.droppedSeq() > visible
                    ? new Keyspaces.Info(i.id(), i.name(), i.createdSeq(), Keyspaces.LIVE) : i);
        }
        return out;
    }

    /** Runs {@code body} with the current manifest state held still (backups copy it). */
    <T> T withStateLocked(java.util.function.Function<VersionEdit.State, T> body) {
        synchronized (stateLock) {
            return body.apply(manifestState);
        }
    }

    // ------------------------------------------------------------------ errors and write stalls

    RuntimeException backgroundError() {
        return backgroundError;
    }

    void setBackgroundError(String what, Throwable e) {
        if (backgroundError == null) {
            backgroundError = e instanceof IOException io ? files.ioError(what, io)
                    : new StoreIOException("background " + what + " failed in the LSM store at " + files.dir() + ": " + e
                    + "; the store stays readable, writes are refused: reopen it to recover from the log", e);
        }
        signalRoom();
    }

    void signalRoom() {
        roomLock.lock();
        try {
            roomChanged.signalAll();
        } finally {
            roomLock.unlock();
        }
    }

    /** Waits (briefly) for background work to change the picture; the caller re-checks its condition. */
    void awaitRoom() {
        roomLock.lock();
        try {
            roomChanged.await(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreIOException("interrupted while waiting for a flush or compaction", e);
        } finally {
            roomLock.unlock();
        }
    }

    /** Closes every table (store close); files stay. */
    void closeTables() throws IOException {
        files.keepFiles();
        synchronized (stateLock) {
            state.version().unref();
            if (manifest != null) {
                manifest.close();
            }
        }
        for (TableReader t : openTables) {
            t.forceClose();
        }
    }

    List<TableReader> allTables() {
        List<TableReader> out = new ArrayList<>();
        for (List<TableReader> l : state.version().levels) {
            out.addAll(l);
        }
        return out;
    }
}
