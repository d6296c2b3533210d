package dev.oxistore.kv.lsm;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.log.LogFormat;
import dev.oxistore.kv.lsm.log.Wal;
import dev.oxistore.kv.lsm.log.WalBatch;
import dev.oxistore.kv.lsm.sst.TableMeta;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.version.Manifest;
import dev.oxistore.kv.lsm.version.Version;
import dev.oxistore.kv.lsm.version.VersionEdit;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Opening a store: replay the manifest, open the live tables, replay the logs written since the
 * last flush into a memtable (a torn record at the end of the newest log is cut off and logged;
 * any other damage is a {@link CorruptionException} naming the file and offset), then, unless
 * read-only, start a fresh manifest and a fresh log and delete what no version needs (unfinished
 * tables, flushed logs, old manifests).
 */
final class Recovery {

    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    /** What recovery hands the store. */
    record Recovered(Tree tree, Wal wal) {
    }

    private Recovery() {
    }

    static Recovered run(StoreFiles files, LsmOptions options, dev.oxistore.kv.StoreConfig config) throws IOException {
        VersionEdit.State state = Manifest.recover(files);
        if (state == null) {
            state = new VersionEdit.State();
        }
        Keyspaces keyspaces = new Keyspaces();
        for (Keyspaces.Info info : state.keyspaces.values()) {
            keyspaces.put(info);
        }
        keyspaces.reserve(state.nextKeyspaceId - 1);
        List<TableReader> opened = new ArrayList<>();
        Version version;
        try {
            List<List<TableReader>> levels = new ArrayList<>();
            for (int l = 0; l < LsmOptions.LEVELS; l++) {
                List<TableReader> level = new ArrayList<>();
                for (TableMeta m : state.levels.get(l).values()) {
                    TableReader t = TableReader.open(files, m);
                    opened.add(t);
                    level.add(t);
                }
                if (l == 0) {
                    level.sort(Comparator.comparingLong(TableReader::number).reversed());
                } else {
                    level.sort((a, b) -> InternalKey.compare(a.meta.smallest(), b.meta.smallest()));
                }
                levels.add(level);
            }
            version = new Version(levels);
        } catch (RuntimeException e) {
            for (TableReader t : opened) {
                t.forceClose();
            }
            throw e;
        }
        boolean ok = false;
        try {
            Memtable mem = new Memtable();
            long lastSeq = state.lastSeq;
            long maxNumber = 0;
            List<Long> logs = new ArrayList<>();
            for (String name : files.list()) {
                long n = StoreFiles.numberOf(name);
                maxNumber = Math.max(maxNumber, n);
                if (name.endsWith(".log") && n >= state.logNumber) {
                    logs.add(n);
                }
            }
            logs.sort(null);
            for (int i = 0; i < logs.size(); i++) {
                lastSeq = Math.max(lastSeq, replay(files, logs.get(i), i == logs.size() - 1, mem, keyspaces));
            }
            long nextFile = Math.max(state.nextFileNumber, maxNumber + 1);
            state.lastSeq = lastSeq;
            Manifest manifest = null;
            Wal wal = null;
            if (!files.readOnly()) {
                long manifestNumber = nextFile++;
                state.nextFileNumber = nextFile + 1;
                // the log first, so the new manifest's log number names a log that exists
                // (Manifest.recover treats a missing one as a lost edit)
                wal = new Wal(files, nextFile++);
                state.logNumber = logs.isEmpty() ? wal.number() : logs.getFirst();
                try {
                    manifest = Manifest.create(files, manifestNumber, state, -1);
                    removeObsolete(files, state, manifestNumber, wal.number());
                } catch (IOException | RuntimeException e) {
                    // a failed open must not keep the new manifest's or log's handle
                    if (manifest != null) {
                        manifest.close();
                    }
                    wal.close();
                    throw e;
                }
            }
            Tree tree = new Tree(files, options, config, keyspaces, state, new ReadState(mem, List.of(), version),
                    nextFile, lastSeq, manifest);
            ok = true;
            return new Recovered(tree, wal);
        } finally {
            if (!ok) {
                version.unref();
                for (TableReader t : opened) {
                    t.forceClose();
                }
            }
        }
    }

    /** Replays one log into {@code mem}; returns the last sequence number found. */
    private static long replay(StoreFiles files, long number, boolean newest, Memtable mem, Keyspaces keyspaces) throws IOException {
        Path path = files.dir().resolve(StoreFiles.walName(number));
        LogFormat.Contents contents = LogFormat.read(path, newest);
        long last = 0;
        long offset = 0;
        for (byte[] r : contents.records()) {
            WalBatch batch;
            try {
                batch = WalBatch.decode(r);
            } catch (RuntimeException e) {
                throw LogFormat.corrupt(path, offset, "malformed log record (" + e.getMessage() + ")");
            }
            Committer.apply(batch, mem, keyspaces);
            last = batch.firstSeq() + batch.ops().size() - 1;
            offset += LogFormat.HEADER + r.length;
        }
        if (contents.torn() != null) {
            LOG.log(System.Logger.Level.WARNING, "write-ahead log " + path + " ends in " + contents.torn() + " at offset "
                    + contents.validEnd() + " (a write cut short by a crash, never acknowledged)"
                    + (files.readOnly() ? "; ignored (read-only open)" : "; truncated"));
            if (!files.readOnly()) {
                try (FileChannel ch = files.io().open(path, StandardOpenOption.WRITE)) {
                    ch.truncate(contents.validEnd());
                    ch.force(true);
                }
            }
        }
        return last;
    }

    private static void removeObsolete(StoreFiles files, VersionEdit.State state, long manifestNumber, long walNumber)
            throws IOException {
        java.util.Set<Long> live = new java.util.HashSet<>();
        for (var level : state.levels) {
            live.addAll(level.keySet());
        }
        for (String name : files.list()) {
            long n = StoreFiles.numberOf(name);
            boolean obsolete = name.endsWith(".tmp")
                    || name.startsWith("MANIFEST-") && n != manifestNumber
                    || name.endsWith(".log") && n >= 0 && n < state.logNumber && n != walNumber
                    || name.endsWith(".sst") && n >= 0 && !live.contains(n);
            if (obsolete) {
                files.delete(name);
            }
        }
    }
}
