package dev.oxistore.kv.lsm;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.lsm.log.LogFormat;
import dev.oxistore.kv.lsm.version.VersionEdit;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups as checkpoints, taken while writes continue: with the version held still, each live
 * table is hard-linked (tables never change once written; copied where links are impossible), a
 * manifest holding the current version is written, and the live logs are copied as they are
 * (a record being appended meanwhile is a torn tail that the backup's first open cuts off, so the
 * backup holds a prefix of the commits: consistent). Written to a temporary directory first and
 * renamed into place, so a backup either exists whole or not at all. Restoring verifies, then
 * copies.
 */
final class Backup {

    private Backup() {
    }

    static void write(Tree tree, Path target) {
        if (target == null) {
            throw new InvalidArgumentException("backup target is null: pass a path that does not exist yet");
        }
        if (Files.exists(target)) {
            throw new InvalidArgumentException("backup target " + target + " already exists: choose a new path");
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".backup-tmp");
        try {
            StoreFiles.deleteTree(tmp);
            Files.createDirectories(tmp);
            Path src = tree.files.dir();
            tree.withStateLocked(state -> {
                try {
                    for (var level : state.levels) {
                        for (long n : level.keySet()) {
                            String name = StoreFiles.tableName(n);
                            try {
                                Files.createLink(tmp.resolve(name), src.resolve(name));
                            } catch (IOException | UnsupportedOperationException e) {
                                Files.copy(src.resolve(name), tmp.resolve(name));
                            }
                        }
                    }
                    List<String> logs = new ArrayList<>();
                    for (String name : tree.files.list()) {
                        long n = StoreFiles.numberOf(name);
                        if (name.endsWith(".log") && n >= state.logNumber) {
                            logs.add(name);
                        }
                    }
                    for (String name : logs) {
                        Files.copy(src.resolve(name), tmp.resolve(name));
                    }
                    VersionEdit.State copy = new VersionEdit.State();
                    copy.apply(state.snapshot());
                    long manifest = copy.nextFileNumber;
                    copy.nextFileNumber = manifest + 1;
                    byte[] snapshot = copy.snapshot().encode();
                    Files.write(tmp.resolve(StoreFiles.manifestName(manifest)), LogFormat.frame(snapshot, snapshot.length));
                    Files.writeString(tmp.resolve(StoreFiles.CURRENT), StoreFiles.manifestName(manifest) + "\n", StandardCharsets.UTF_8);
                    return null;
                } catch (IOException e) {
                    throw tree.files.ioError("backup to " + target, e);
                }
            });
            Files.copy(tree.files.dir().resolve(StoreFiles.MARKER), tmp.resolve(StoreFiles.MARKER));
            syncAll(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncParent(target);
        } catch (IOException e) {
            throw new StoreIOException("backup to " + target + " failed: " + e + "; check free space and permissions", e);
        }
    }

    /** Copies a closed store or backup {@code from} to the new directory {@code to}, atomically. */
    static void copy(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".restoring");
        StoreFiles.deleteTree(tmp);
        Files.createDirectories(tmp);
        try (var s = Files.list(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!name.equals(StoreFiles.LOCK)) {
                    Files.copy(p, tmp.resolve(name));
                }
            }
        }
        syncAll(tmp);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        syncParent(to);
    }

    /** Makes the rename into place durable: until the parent directory is synced a power loss can undo it. */
    private static void syncParent(Path placed) throws IOException {
        Path parent = placed.toAbsolutePath().getParent();
        if (parent != null) {
            FileIo.DEFAULT.syncDirectory(parent);
        }
    }

    private static void syncAll(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }
        }
        FileIo.DEFAULT.syncDirectory(dir);
    }
}
