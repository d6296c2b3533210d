package dev.oxistore.kv.lsm.version;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.lsm.StoreFiles;
import dev.oxistore.kv.lsm.log.LogFormat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The manifest: a {@link LogFormat} log of {@link VersionEdit}s, each fsynced before the change
 * it describes takes effect (before a flushed log or a compacted table is deleted). {@code
 * CURRENT} names the live manifest. When the manifest grows past {@code lsm.maxManifestSize} it
 * is replaced: a new manifest holding one snapshot edit is written and fsynced, then {@code
 * CURRENT} is replaced by write-fsync-rename, then the old manifest is deleted; a crash at any
 * point leaves {@code CURRENT} naming a complete manifest.
 */
public final class Manifest implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Manifest.class.getName());

    private final StoreFiles files;
    private final long number;
    private final FileChannel channel;
    private long size;
    /** Set once an append failed: the file may end in part of an edit, so nothing may follow it. */
    private IOException failed;

    private Manifest(StoreFiles files, long number, FileChannel channel, long size) {
        this.files = files;
        this.number = number;
        this.channel = channel;
        this.size = size;
    }

    public long number() {
        return number;
    }

    public long size() {
        return size;
    }

    /** Replays the live manifest, or returns null for a store that has none yet. */
    public static VersionEdit.State recover(StoreFiles files) throws IOException {
        Path current = files.dir().resolve(StoreFiles.CURRENT);
        if (!Files.exists(current)) {
            return null;
        }
        String name = Files.readString(current, StandardCharsets.UTF_8).trim();
        if (!name.startsWith("MANIFEST-") || StoreFiles.numberOf(name) < 0) {
            throw new CorruptionException(current + " at offset 0: does not name a manifest ('" + name
                    + "'); restore from a backup");
        }
        Path path = files.dir().resolve(name);
        if (!Files.exists(path)) {
            throw new CorruptionException(current + " names " + name + ", which is missing; restore from a backup");
        }
        LogFormat.Contents contents = LogFormat.read(path, true);
        if (contents.torn() != null) {
            LOG.log(System.Logger.Level.WARNING, "manifest " + path + " ends in " + contents.torn() + " at offset "
                    + contents.validEnd() + ": an edit interrupted by a crash, ignored");
        }
        if (contents.records().isEmpty()) {
            throw new CorruptionException(path + " at offset 0: the manifest has no complete edit; restore from a backup");
        }
        VersionEdit.State state = new VersionEdit.State();
        long offset = 0;
        for (byte[] r : contents.records()) {
            try {
                state.apply(VersionEdit.decode(r));
            } catch (RuntimeException e) {
                throw new CorruptionException(path + " at offset " + offset + ": malformed version edit (" + e.getMessage()
                        + "); restore from a backup", e);
            }
            offset += LogFormat.HEADER + r.length;
        }
        requireLiveLog(files, path, contents.validEnd(), state);
        return state;
    }

    /**
     * The state's log number names the log a flush switched to (it exists until a later durable
     * edit retires it); logs before it were deleted only after that edit was fsynced. If it is
     * gone, the manifest lost an edit that retired logs (a later flush), and replaying what is
     * left would silently drop that flush's data: corruption, not an empty replay. Log number 0
     * means no flush yet (file numbers start at 1).
     */
    private static void requireLiveLog(StoreFiles files, Path manifest, long end, VersionEdit.State state) {
        if (state.logNumber > 0 && !Files.exists(files.dir().resolve(StoreFiles.walName(state.logNumber)))) {
            throw new CorruptionException(manifest + " at offset " + end + ": its state needs write-ahead log "
                    + StoreFiles.walName(state.logNumber) + ", which is missing, so a later edit that retired it"
                    + " (a flush whose logs were deleted) was lost; restore from a backup");
        }
    }

    /** Starts a new manifest {@code number} holding {@code state}, points CURRENT at it and deletes {@code previous} (or not, when -1). */
    public static Manifest create(StoreFiles files, long number, VersionEdit.State state, long previous) throws IOException {
        Path path = files.dir().resolve(StoreFiles.manifestName(number));
        FileChannel ch = files.io().open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        boolean ok = false;
        try {
            byte[] snapshot = state.snapshot().encode();
            byte[] record = LogFormat.frame(snapshot, snapshot.length);
            LogFormat.writeFully(ch, record);
            ch.force(true);
            writeCurrent(files, StoreFiles.manifestName(number));
            ok = true;
            if (previous >= 0 && previous != number) {
                files.delete(StoreFiles.manifestName(previous));
            }
            return new Manifest(files, number, ch, record.length);
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    static void writeCurrent(StoreFiles files, String manifestName) throws IOException {
        Path tmp = files.dir().resolve(StoreFiles.CURRENT + ".tmp");
        try (FileChannel c = files.io().open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            LogFormat.writeFully(c, (manifestName + "\n").getBytes(StandardCharsets.UTF_8));
            c.force(true);
        }
        Files.move(tmp, files.dir().resolve(StoreFiles.CURRENT), StandardCopyOption.ATOMIC_MOVE);
        files.io().syncDirectory(files.dir());
    }

    /**
     * Appends and fsyncs one edit. After a failure every later append fails too: a record after
     * a partly written one would read as corruption in the middle of the manifest, and an edit
     * whose fsync failed may or may not be on disk.
     */
    public void append(VersionEdit edit) throws IOException {
        if (failed != null) {
            throw new IOException("the manifest is unusable since an earlier append failed: " + failed.getMessage(), failed);
        }
        byte[] payload = edit.encode();
        byte[] record = LogFormat.frame(payload, payload.length);
        try {
            LogFormat.writeFully(channel, record);
            channel.force(false);
        } catch (IOException e) {
            failed = e;
            throw e;
        }
        size += record.length;
    }

    /** Refuses every later append (a rewrite failed: CURRENT may already name the new manifest). */
    public void markFailed(IOException e) {
        if (failed == null) {
            failed = e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
