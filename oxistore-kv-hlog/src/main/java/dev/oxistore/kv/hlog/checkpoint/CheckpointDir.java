package dev.oxistore.kv.hlog.checkpoint;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.StoreIOException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoint files of a store: {@code checkpoints/ckpt-<version>.index} (the index copy) and
 * {@code checkpoints/ckpt-<version>.meta}, written last, through a temporary file and an atomic
 * rename (with an fsync before and a directory fsync after for an fsynced checkpoint), so a meta
 * file exists only for a checkpoint that was complete when written. Recovery takes the newest meta
 * file that verifies (with its index file's checksum, and for a checkpoint not fsynced the
 * {@link UnsyncedLog} checksum) and falls back to older ones.
 */
public final class CheckpointDir {

    private final Path dir;

    /** Uses (creating) {@code storeDir/checkpoints}. */
    public CheckpointDir(Path storeDir) {
        this.dir = storeDir.resolve("checkpoints");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The index file of checkpoint {@code version}. */
    public Path indexFile(long version) {
        return dir.resolve("ckpt-" + version + ".index");
    }

    /** The meta file of checkpoint {@code version}. */
    public Path metaFile(long version) {
        return dir.resolve("ckpt-" + version + ".meta");
    }

    /**
     * Writes {@code meta} atomically: a temporary file, then a rename. With {@code fsync} the
     * temporary file is fsynced before the rename and the directory after it (the checkpoint
     * survives a power loss); without, both are left to the OS (it survives a kill -9, and a torn
     * or missing meta file after a power loss fails its checksum or is absent).
     */
    public void publish(CheckpointMeta meta, boolean fsync) {
        Path target = metaFile(meta.version());
        Path tmp = dir.resolve("ckpt-" + meta.version() + ".meta.tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(meta.encode()));
                if (fsync) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (fsync) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot write checkpoint metadata " + target + ": " + e.getMessage(), e);
        }
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
    }

    /** Versions with a meta file, newest first. */
    public List<Long> versions() {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("ckpt-") && n.endsWith(".meta"))
                    .forEach(n -> {
                        try {
                            out.add(Long.parseLong(n.substring(5, n.length() - 5)));
                        } catch (NumberFormatException e) {
                            // not ours
                        }
                    });
        } catch (IOException e) {
            throw new StoreIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** Reads and verifies the meta file of {@code version}. */
    public CheckpointMeta read(long version) {
        try {
            return CheckpointMeta.decode(Files.readAllBytes(metaFile(version)), metaFile(version).getFileName().toString());
        } catch (IOException e) {
            throw new CorruptionException("cannot read checkpoint " + version + ": " + e.getMessage(), e);
        }
    }

    /** The newest version, if any (valid or not). */
    public Optional<Long> newest() {
        List<Long> v = versions();
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * Deletes every checkpoint but the newest {@code keep} and {@code anchor} (the newest fsynced
     * one, which a power loss cannot tear: kept until a newer fsynced one exists), and stray
     * temporary files.
     */
    public void prune(int keep, long anchor) {
        List<Long> v = versions();
        for (int i = keep; i < v.size(); i++) {
            if (v.get(i) != anchor) {
                delete(v.get(i));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                } else if (n.endsWith(".index")) {
                    long ver = Long.parseLong(n.substring(5, n.length() - 6));
                    if (!Files.exists(metaFile(ver)) && (v.isEmpty() || ver < v.get(0))) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // pruning is best effort
        }
    }

    /**
     * Deletes the checkpoints newer than {@code version}: recovery skipped them (damaged, or torn by
     * a power loss), and the log is about to be rewritten from {@code version}'s final address, so
     * they must never be taken for newer than what the store writes next.
     */
    public void dropNewerThan(long version) {
        for (long v : versions()) {
            if (v > version) {
                delete(v);
            }
        }
    }

    private void delete(long version) {
        try {
            Files.deleteIfExists(metaFile(version));
            Files.deleteIfExists(indexFile(version));
        } catch (IOException e) {
            // best effort
        }
    }

    /** Bytes the checkpoint files occupy. */
    public long size() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
