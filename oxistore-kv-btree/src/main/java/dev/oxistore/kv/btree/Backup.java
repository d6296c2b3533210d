package dev.oxistore.kv.btree;

import dev.oxistore.kv.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Online backup: copies one {@link View} (a consistent point in time, pinned, so writers carry on)
 * entry by entry into a new store directory, written beside the target and renamed into place
 * once complete and synced. The copy is compact (live pages only) and every page read on the way
 * passes its checksums, so a damaged source fails the backup instead of producing a damaged copy.
 * Expired but unpurged entries are copied as they are; they stay invisible in the copy.
 */
final class Backup {

    /** Unsaved pages above this size are committed while copying, to bound memory. */
    private static final int COMMIT_BYTES = 32 << 20;

    private Backup() {
    }

    static void write(View view, Path target, BtreeOptions options, int nextKsId, String where) {
        if (target == null) {
            throw new InvalidArgumentException("backup target is null: pass a path that does not exist yet");
        }
        if (Files.exists(target)) {
            throw new InvalidArgumentException("backup target " + target + " already exists: choose a new path "
                    + "(a backup never overwrites anything)");
        }
        Path absolute = target.toAbsolutePath();
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".partial-" + System.nanoTime());
        boolean done = false;
        try {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(tmp);
            StoreDir.writeMarker(tmp);
            MVStore out = BtreeStore.openMvStore(tmp.resolve(StoreDir.DATA), options, false);
            try {
                MVMap<byte[], byte[]> meta = Layout.initialize(out, view.seq, nextKsId);
                List<View.Ks> spaces = view.keyspaces.values().stream().sorted(Comparator.comparing(View.Ks::name)).toList();
                for (View.Ks ks : spaces) {
                    MVMap<byte[], byte[]> map = out.openMap(Layout.ksMapName(ks.id()), Layout.builder());
                    Layout.put(meta, Layout.K_KS + ks.name(), ks.id() + "," + map.getId());
                    copy(ks.data(), map, out);
                    Layout.recordAsIs(meta, Integer.toString(ks.id()), map);
                }
                MVMap<byte[], byte[]> ttl = out.openMap(Layout.TTL, Layout.builder());
                ttl.clear(); // the copy brings the source's entries, stamp included
                copy(view.ttl, ttl, out);
                Layout.recordAsIs(meta, Layout.TTL_COUNT, ttl);
                out.commit();
            } finally {
                out.close(); // writes the clean-shutdown header and syncs
            }
            StoreDir.fsync(tmp.resolve(StoreDir.DATA));
            StoreDir.fsync(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute);
            }
            StoreDir.fsync(absolute.getParent());
            done = true;
        } catch (IOException e) {
            throw Errors.io(where + " (backup to " + target + ")", e);
        } catch (RuntimeException | AssertionError e) {
            throw Errors.translate(e, where);
        } finally {
            if (!done) {
                try {
                    StoreDir.deleteTree(tmp);
                } catch (IOException ignored) {
                    // a leftover partial directory is harmless and clearly named
                }
            }
        }
    }

    private static void copy(MVMap<byte[], byte[]> from, MVMap<byte[], byte[]> to, MVStore out) {
        for (Cursor<byte[], byte[]> c = from.cursor(null); c.hasNext(); ) {
            byte[] k = c.next();
            to.put(k, c.getValue());
            if (out.getUnsavedMemory() > COMMIT_BYTES) {
                out.commit();
            }
        }
    }
}
