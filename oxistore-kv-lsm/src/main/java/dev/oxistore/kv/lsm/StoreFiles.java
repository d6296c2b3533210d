package dev.oxistore.kv.lsm;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.StoreLockedException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.lsm.log.Wal;
import dev.oxistore.kv.lsm.sst.TableReader;
import dev.oxistore.kv.lsm.version.Manifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The directory of an LSM store: file names, the marker, the lock, and deletion of files no
 * version needs any more.
 *
 * <pre>
 *   OXISTORE-LSM      marker: "oxistore-kv-lsm\nformat=1\n", written when the store is created
 *   LOCK              exclusive lock while open for writing, shared while read-only
 *   CURRENT           the name of the live manifest, replaced by write-fsync-rename
 *   MANIFEST-NNNNNN   version edits (see {@link Manifest})
 *   NNNNNN.log        write-ahead logs (see {@link Wal}); those at or after the manifest's log number are live
 *   NNNNNN.sst        tables (see {@link TableReader}); *.tmp files are unfinished and removed at open
 * </pre>
 */
public final class StoreFiles implements AutoCloseable {

    static final String MARKER = "OXISTORE-LSM";
    static final String ENGINE_ID = "oxistore-kv-lsm";
    static final String LOCK = "LOCK";
    public static final String CURRENT = "CURRENT";
    static final int FORMAT = 1;

    private static final System.Logger LOG = System.getLogger(StoreFiles.class.getName());
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileIo io;
    private final boolean readOnly;
    private final Path key;
    private FileChannel lockChannel;
    private FileLock lock;
    private volatile boolean keepFiles;

    private StoreFiles(Path dir, FileIo io, boolean readOnly, Path key) {
        this.dir = dir;
        this.io = io;
        this.readOnly = readOnly;
        this.key = key;
        this.keepFiles = readOnly;
    }

    public static String tableName(long n) {
        return String.format("%06d.sst", n);
    }

    public static String walName(long n) {
        return String.format("%06d.log", n);
    }

    public static String manifestName(long n) {
        return String.format("MANIFEST-%06d", n);
    }

    /** The number of a file named like a table, log or manifest, or -1. */
    public static long numberOf(String name) {
        String digits;
        if (name.endsWith(".sst") || name.endsWith(".log")) {
            digits = name.substring(0, name.length() - 4);
        } else if (name.startsWith("MANIFEST-")) {
            digits = name.substring(9);
        } else {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Path dir() {
        return dir;
    }

    public FileIo io() {
        return io;
    }

    boolean readOnly() {
        return readOnly;
    }

    /**
     * Prepares {@code path} (creating it when allowed) and locks it.
     *
     * @return the files, and whether this call created the store
     */
    static StoreFiles open(Path path, FileIo io, boolean readOnly, boolean createIfMissing) {
        if (path == null) {
            throw new InvalidArgumentException("store path is null: pass the directory of the store");
        }
        try {
            if (Files.isRegularFile(path)) {
                throw new WrongEngineException(path + " is a file, not an LSM store (LSM stores are directories): "
                        + "pass the store's directory, or use OxiStore.detect(path)");
            }
            boolean exists = Files.isDirectory(path);
            boolean marked = exists && Files.exists(path.resolve(MARKER));
            if (!marked) {
                if (exists && !isEmpty(path)) {
                    throw new WrongEngineException(path + " holds files that are not an LSM store: open it with the "
                            + "engine that wrote it (OxiStore.detect(path) tells which), or choose an empty directory");
                }
                if (readOnly || !createIfMissing) {
                    throw new NotFoundException("no LSM store at " + path
                            + (readOnly ? ": a read-only open does not create one" : ": open with createIfMissing(true) to create it"));
                }
                Files.createDirectories(path);
            } else if (!recognizes(path)) {
                throw new WrongEngineException(path + " has an LSM marker of an unknown format: open it with the "
                        + "OxiStore version that wrote it");
            }
            Path key = path.toRealPath();
            if (!OPEN_IN_THIS_JVM.add(key)) {
                throw new StoreLockedException("store " + path + " is already open in this JVM: share that instance, or close it first");
            }
            StoreFiles f = new StoreFiles(path, io, readOnly, key);
            boolean ok = false;
            try {
                f.lock();
                if (!marked) {
                    Path tmp = path.resolve(MARKER + ".tmp");
                    Files.writeString(tmp, ENGINE_ID + "\nformat=" + FORMAT + "\n", StandardCharsets.UTF_8);
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                    Files.move(tmp, path.resolve(MARKER), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    io.syncDirectory(path);
                }
                ok = true;
                return f;
            } finally {
                if (!ok) {
                    f.close();
                }
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot open the LSM store at " + path + ": " + e
                    + "; check the path and its permissions", e);
        }
    }

    private void lock() throws IOException {
        Path lockFile = dir.resolve(LOCK);
        lockChannel = readOnly && Files.exists(lockFile)
                ? FileChannel.open(lockFile, StandardOpenOption.READ)
                : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock(0, Long.MAX_VALUE, readOnly);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreLockedException("store " + dir + " is open in another process: close it there first"
                    + (readOnly ? "" : ", or open this one read-only while it is not being written"));
        }
    }

    static boolean recognizes(Path path) {
        if (path == null || !Files.isDirectory(path)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(path.resolve(MARKER), StandardCharsets.UTF_8);
            return lines.size() >= 2 && lines.get(0).equals(ENGINE_ID) && lines.get(1).equals("format=" + FORMAT);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Names in the directory. */
    List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }

    /** Bytes of every file in the directory. */
    long size() {
        long total = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    total += Files.size(p);
                } catch (IOException ignored) {
                    // deleted meanwhile
                }
            }
        } catch (IOException e) {
            throw ioError("list " + dir, e);
        }
        return total;
    }

    /** A table no version lists any more was closed: delete it unless files are being kept. */
    public void tableReleased(long number) {
        if (!keepFiles) {
            delete(tableName(number));
        }
    }

    /** From now on released tables stay on disk (the store is closing). */
    void keepFiles() {
        keepFiles = true;
    }

    public void delete(String name) {
        if (readOnly) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete obsolete file " + dir.resolve(name) + ": " + e);
        }
    }

    public StoreIOException ioError(String what, IOException e) {
        return new StoreIOException("I/O failure in the LSM store at " + dir + " (" + what + "): " + e
                + "; check free space and the device, then reopen the store", e);
    }

    static void destroy(Path path) {
        if (path == null) {
            throw new InvalidArgumentException("store path is null: pass the directory of the store to destroy");
        }
        try {
            if (!Files.exists(path)) {
                return;
            }
            if (!Files.isDirectory(path) || !(recognizes(path) || isEmpty(path))) {
                throw new WrongEngineException(path + " is not an LSM store; refusing to delete it (OxiStore.detect(path) tells what it is)");
            }
            if (recognizes(path)) {
                try (StoreFiles locked = open(path, FileIo.DEFAULT, false, false)) {
                    deleteTree(path);
                }
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot destroy " + path + ": " + e, e);
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> s = Files.walk(path)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the lock dies with the channel
        } finally {
            OPEN_IN_THIS_JVM.remove(key);
        }
    }
}
