package dev.oxistore.kv.hlog.store;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.hlog.checkpoint.CheckpointDir;
import dev.oxistore.kv.hlog.checkpoint.CheckpointMeta;
import dev.oxistore.kv.hlog.checkpoint.UnsyncedLog;
import dev.oxistore.kv.hlog.epoch.LightEpoch;
import dev.oxistore.kv.hlog.index.EntrySlot;
import dev.oxistore.kv.hlog.index.HashIndex;
import dev.oxistore.kv.hlog.log.HybridLog;
import dev.oxistore.kv.hlog.log.LogDevice;
import dev.oxistore.kv.hlog.log.Records;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A FASTER-style concurrent key-value store: a latch-free {@link HashIndex} over a
 * {@link HybridLog}, protected by a {@link LightEpoch}, with concurrent prefix recovery (CPR)
 * checkpoints. Operations go through {@link Session}s; see the module README for the design.
 *
 * <h2>Checkpoints (CPR, fold-over)</h2>
 * {@link #checkpoint()} runs while sessions keep operating:
 * <ol>
 *   <li>note the tail {@code S}, then wait one epoch so every operation begun before has linked
 *       its record (or marked it invalid);</li>
 *   <li>copy the index to {@code ckpt-v.index} (fuzzy: entries may move during the copy);</li>
 *   <li>move the store to version {@code v+1}; each session moves at its next operation (or at once
 *       when suspended), and its CPR point is the serial of its last version-{@code v} operation.
 *       A session that meets a record of {@code v+1} moves too, so no {@code v} record is ever
 *       chained after a {@code v+1} record; a {@code v+1} session never updates a {@code v}
 *       record in place but copies it to the tail;</li>
 *   <li>when every session has moved, note the tail {@code F}, make everything below {@code F}
 *       read-only, flush and fsync it;</li>
 *   <li>write the metadata (S, F, v, the index checksum, each session's CPR point) atomically.</li>
 * </ol>
 * Recovery loads the index and replays the log from {@code S} to {@code F}, linking records of
 * version at most {@code v} and skipping later ones: exactly each session's prefix survives.
 *
 * <p>{@link #checkpoint(boolean) checkpoint(false)} skips every fsync (index, log, metadata,
 * directory): the checkpoint is complete in the OS's buffers, so it survives a kill -9 but maybe not
 * a power loss. Its metadata then carries the checksum of the log written since the newest fsynced
 * checkpoint (the anchor, see {@link UnsyncedLog}); recovery skips a checkpoint whose files or log
 * fail their checksums, and pruning keeps the anchor until a newer fsynced checkpoint exists, so
 * recovery falls back at worst to it.
 */
public final class HlogStore implements AutoCloseable {

    final LightEpoch epoch = new LightEpoch();
    final HashIndex index;
    final HybridLog log;
    final IoQueue io;
    private final LogDevice device;
    private final HlogOptions options;
    private final CheckpointDir checkpoints;
    private final UnsyncedLog unsynced; // the log since the newest fsynced checkpoint, checksummed
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> recoveredSerials;
    private final Map<String, Long> retiredSerials = new ConcurrentHashMap<>();
    private final long[] retiredStats = new long[9];
    private final List<String> recoveryNotes = new ArrayList<>();
    private final long recoveredVersion;
    volatile long currentVersion;
    private volatile boolean closed;
    private volatile Thread checkpointer;
    private long checkpointCount;

    private static final String LOG_FILE = "hlog.log";

    private HlogStore(HlogOptions options, long buckets, int pageBits, CheckpointMeta meta, UnsyncedLog unsynced,
                      List<String> notes) {
        this.options = options;
        this.index = new HashIndex(buckets);
        try {
            Files.createDirectories(options.directory());
        } catch (IOException e) {
            throw new StoreIOException("cannot create " + options.directory() + ": " + e.getMessage(), e);
        }
        this.checkpoints = new CheckpointDir(options.directory());
        this.unsynced = unsynced;
        checkpoints.dropNewerThan(meta == null ? 0 : meta.version()); // skipped: the log is rewritten past meta's end
        Path logFile = options.directory().resolve(LOG_FILE);
        if (meta == null) {
            try {
                Files.deleteIfExists(logFile); // nothing was ever checkpointed: nothing is recoverable
            } catch (IOException e) {
                throw new StoreIOException("cannot reset " + logFile + ": " + e.getMessage(), e);
            }
        }
        this.device = LogDevice.open(logFile);
        this.log = new HybridLog(epoch, device, pageBits, options.memoryPages(), options.mutableFraction());
        this.io = new IoQueue(log, 2);
        this.recoveryNotes.addAll(notes);
        if (meta != null) {
            recover(meta);
            this.recoveredSerials = Map.copyOf(meta.sessions());
            this.recoveredVersion = meta.version();
            this.currentVersion = meta.version() + 1;
        } else {
            this.recoveredSerials = Map.of();
            this.recoveredVersion = 0;
            this.currentVersion = 1;
        }
    }

    /**
     * Opens the store in {@code options.directory()}, recovering the newest checkpoint that verifies
     * (an older one when the newest is corrupt, partial, or not fsynced and torn by a power loss; an
     * empty store when there is none). The checkpoints newer than the recovered one are deleted.
     * The index size and page size of a recovered store are those it was checkpointed with.
     */
    public static HlogStore open(HlogOptions options) {
        CheckpointDir dir = new CheckpointDir(options.directory());
        List<String> notes = new ArrayList<>();
        CheckpointMeta chosen = null;
        UnsyncedLog unsynced = UnsyncedLog.anchoredAt(0, HybridLog.BEGIN);
        try (LogDevice logFile = LogDevice.open(options.directory().resolve(LOG_FILE))) {
            for (long v : dir.versions()) {
                try {
                    CheckpointMeta m = dir.read(v);
                    verifyIndexFile(dir.indexFile(v), m);
                    unsynced = UnsyncedLog.verify(m, logFile);
                    chosen = m;
                    break;
                } catch (CorruptionException e) {
                    notes.add("skipped checkpoint " + v + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot close the log file after verifying it: " + e.getMessage(), e);
        }
        long buckets = chosen == null ? options.indexBuckets() : chosen.indexBuckets();
        int pageBits = chosen == null ? options.pageBits() : chosen.pageBits();
        return new HlogStore(options, buckets, pageBits, chosen, unsynced, notes);
    }

    private static void verifyIndexFile(Path file, CheckpointMeta m) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != m.indexBytes()) {
                throw new CorruptionException("index file " + file.getFileName() + " has " + ch.size()
                        + " bytes, the metadata says " + m.indexBytes());
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
            long pos = 0;
            while (true) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                crc.update(buf);
                pos += n;
            }
            if (crc.getValue() != m.indexCrc()) {
                throw new CorruptionException("index file " + file.getFileName() + " fails its checksum");
            }
        } catch (IOException e) {
            throw new CorruptionException("cannot read index file " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private void recover(CheckpointMeta meta) {
        try (FileChannel ch = FileChannel.open(checkpoints.indexFile(meta.version()), StandardOpenOption.READ)) {
            long crc = index.readFrom(ch, meta.indexOverflow());
            if (crc != meta.indexCrc()) {
                throw new CorruptionException("index file of checkpoint " + meta.version() + " changed while loading");
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot load the index of checkpoint " + meta.version() + ": " + e.getMessage(), e);
        }
        replay(meta.indexStart(), meta.finalAddress(), (int) meta.version() & Records.VERSION_MASK);
        log.recoverTo(meta.finalAddress());
    }

    /** Links the records of versions up to {@code version} in [from, to) into the index. */
    private void replay(long from, long to, int version) {
        long pageSize = log.pageSize();
        EntrySlot slot = new EntrySlot();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(pageSize, 64);
            long a = from;
            while (a < to) {
                long pageStart = a & ~(pageSize - 1);
                long end = Math.min(to, pageStart + pageSize);
                MemorySegment window = page.asSlice(0, end - pageStart);
                window.fill((byte) 0);
                log.readFromDevice(pageStart, window.asByteBuffer());
                while (a + Records.HEADER_BYTES <= end) {
                    long o = a - pageStart;
                    long h = page.get(ValueLayout.JAVA_LONG, o);
                    long lengths = page.get(ValueLayout.JAVA_LONG, o + 8);
                    if (lengths == 0) {
                        break;
                    }
                    int kl = Records.keyLength(lengths);
                    int vl = Records.valueLength(lengths);
                    if (kl <= 0 || vl < 0 || o + Records.size(kl, vl) > pageSize) {
                        throw new CorruptionException("log record at " + a + " has impossible lengths: the log file is damaged");
                    }
                    if (!Records.isInvalid(h) && !Records.isNewer(Records.version(h), version)) {
                        long hash;
                        if (kl == 8) {
                            hash = Records.hash(Long.reverseBytes(page.get(ValueLayout.JAVA_LONG, o + 16)));
                        } else {
                            byte[] key = new byte[kl];
                            MemorySegment.copy(page, ValueLayout.JAVA_BYTE, o + 16, key, 0, kl);
                            hash = Records.hash(key);
                        }
                        index.raiseTo(hash, a, slot);
                    }
                    a += Records.size(kl, vl);
                }
                a = Math.max(a, Math.min(to, pageStart + pageSize));
                if (a < to && (a & (pageSize - 1)) != 0) {
                    a = pageStart + pageSize;
                }
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot replay the log: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ sessions

    /** A new session with a fresh name. */
    public Session newSession() {
        return newSession(UUID.randomUUID().toString());
    }

    /**
     * A new session named {@code name} starting at serial 0.
     *
     * @throws InvalidArgumentException when a session of that name is open
     */
    public Session newSession(String name) {
        return register(name, 0);
    }

    /**
     * Continues the session {@code name} of before the crash: its serial number resumes at the
     * recovered CPR point ({@link #recoveredSerial}); the caller replays its operations after it.
     */
    public Session continueSession(String name) {
        return register(name, recoveredSerial(name).orElse(0L));
    }

    private Session register(String name, long serial) {
        ensureOpen();
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("a session name is a non-empty string");
        }
        Session s = new Session(this, name, serial, currentVersion);
        if (sessions.putIfAbsent(name, s) != null) {
            s.close();
            throw new InvalidArgumentException("session '" + name + "' is already open: close it first or use another name");
        }
        return s;
    }

    /** The serial up to which session {@code name} was durable in the recovered checkpoint. */
    public Optional<Long> recoveredSerial(String name) {
        return Optional.ofNullable(recoveredSerials.get(name));
    }

    /** Every session's recovered serial. */
    public Map<String, Long> recoveredSerials() {
        return recoveredSerials;
    }

    /** The version of the recovered checkpoint (0 for a fresh store). */
    public long recoveredVersion() {
        return recoveredVersion;
    }

    /** What recovery skipped (corrupt or partial checkpoints), for diagnostics. */
    public List<String> recoveryNotes() {
        return Collections.unmodifiableList(recoveryNotes);
    }

    void retire(Session s) {
        synchronized (retiredStats) {
            long[] v = {s.reads, s.upserts, s.rmws, s.deletes, s.inPlace, s.appended, s.pendingIssued, s.pendingCompleted, s.probes};
            for (int i = 0; i < v.length; i++) {
                retiredStats[i] += v[i];
            }
        }
        retiredSerials.put(s.name(), s.serial());
        sessions.remove(s.name(), s);
    }

    void sessionShifted() {
        Thread t = checkpointer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /** The outcome of a checkpoint: its version and each session's durable serial. */
    public record Checkpoint(long version, long finalAddress, Map<String, Long> serials) {
    }

    /**
     * Takes an fsynced CPR checkpoint while sessions keep running (see the class comment) and
     * returns each session's durable serial. Every open session must keep issuing operations or be
     * suspended for the checkpoint to finish.
     *
     * @throws StoreIOException when a resumed session does not move on within a minute
     */
    public Checkpoint checkpoint() {
        return checkpoint(true);
    }

    /**
     * Takes a CPR checkpoint as {@link #checkpoint()} does; with {@code fsync} false nothing is
     * fsynced, so it survives a crash of the process but maybe not of the machine (then recovery
     * falls back to an older checkpoint, at worst the newest fsynced one; see the class comment).
     * It is fsynced anyway when reading back the log for its checksum failed last time.
     *
     * @throws StoreIOException when a resumed session does not move on within a minute
     */
    public synchronized Checkpoint checkpoint(boolean fsync) {
        ensureOpen();
        boolean sync = fsync || !unsynced.intact();
        checkpointer = Thread.currentThread();
        try {
            long v = currentVersion;
            long start = log.tail();
            epoch.bumpAndWait();
            Path indexFile = checkpoints.indexFile(v);
            long overflow = index.overflowForCheckpoint();
            long crc;
            long bytes;
            try (FileChannel ch = FileChannel.open(indexFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                crc = index.writeTo(ch, overflow);
                if (sync) {
                    ch.force(true);
                }
                bytes = ch.size();
            } catch (IOException e) {
                throw new StoreIOException("cannot write checkpoint index " + indexFile + ": " + e.getMessage(), e);
            }
            currentVersion = v + 1;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            for (;;) {
                boolean all = true;
                for (Session s : sessions.values()) {
                    if (s.version == v + 1 || s.isClosed()) {
                        continue;
                    }
                    if (s.outstandingRmws.get() == 0 && s.state.compareAndSet(Session.SUSPENDED, Session.SWITCHING)) {
                        s.shiftWhileSuspended(v + 1);
                        s.state.set(Session.SUSPENDED);
                    } else {
                        all = false;
                    }
                }
                if (all) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new StoreIOException("checkpoint " + v
                            + " gave up: a resumed session issued no operation for a minute; suspend idle sessions");
                }
                LockSupport.parkNanos(100_000);
            }
            long fin = log.tail();
            log.flush(fin, sync);
            long logCrc = sync ? 0 : unsyncedLogCrc(v, fin);
            Map<String, Long> serials = new LinkedHashMap<>(recoveredSerials);
            serials.putAll(retiredSerials);
            for (Session s : sessions.values()) {
                serials.put(s.name(), s.cprPoint);
            }
            CheckpointMeta meta = new CheckpointMeta(v, Long.numberOfTrailingZeros(log.pageSize()), index.buckets(), overflow,
                    bytes, crc, start, fin, sync ? v : unsynced.anchorVersion(), sync ? fin : unsynced.anchorAddress(), logCrc,
                    serials);
            checkpoints.publish(meta, sync);
            if (sync) {
                unsynced.anchor(v, fin); // only once published: until then the previous anchor stays the fallback
            }
            checkpoints.prune(options.checkpointsKept(), unsynced.anchorVersion());
            for (Session s : sessions.values()) {
                s.markDurable(serials.get(s.name()));
            }
            checkpointCount++;
            return new Checkpoint(v, fin, Map.copyOf(serials));
        } finally {
            checkpointer = null;
        }
    }

    private long unsyncedLogCrc(long version, long fin) {
        try {
            return unsynced.extend(device, fin);
        } catch (IOException e) {
            throw new StoreIOException("cannot read back the log for checkpoint " + version + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ statistics and lifecycle

    /** Counters and region boundaries (counters of running sessions are read racily). */
    public HlogStats stats() {
        long[] t;
        synchronized (retiredStats) {
            t = retiredStats.clone();
        }
        for (Session s : sessions.values()) {
            long[] v = {s.reads, s.upserts, s.rmws, s.deletes, s.inPlace, s.appended, s.pendingIssued, s.pendingCompleted, s.probes};
            for (int i = 0; i < v.length; i++) {
                t[i] += v[i];
            }
        }
        // every read is one index probe; sessions count it as a read only (one increment less per read)
        return new HlogStats(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8] + t[0], index.overflowBuckets(),
                checkpointCount, HybridLog.BEGIN, log.headAddress(), log.safeReadOnlyAddress(), log.readOnlyAddress(),
                log.tail(), log.flushedUntil(), log.memoryBytes());
    }

    /** The options the store was opened with. */
    public HlogOptions options() {
        return options;
    }

    /** Bytes of the log file and checkpoints. */
    public long sizeOnDisk() {
        return log.deviceSize() + checkpoints.size();
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return !closed;
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("the hybrid-log store is closed: open it again");
        }
    }

    /**
     * Closes the store. Sessions must be closed (or idle) first; no checkpoint is taken here
     * (call {@link #checkpoint()} to make the latest state durable).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (Session s : new ArrayList<>(sessions.values())) {
            s.close();
        }
        closed = true;
        io.close();
        log.close();
        try {
            device.close();
        } catch (IOException e) {
            // closing a read/write channel after fsync loses nothing
        }
        index.close();
    }
}
