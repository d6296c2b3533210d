package dev.oxistore.kv.btree;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreLockedException;
import dev.oxistore.kv.WrongEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory of a BTREE store and its lock.
 *
 * <p>Layout (format version {@value #FORMAT}):
 * <pre>
 *   &lt;store&gt;/OXISTORE-BTREE   marker: "oxistore-kv-btree\nformat=1\n" (written first, atomically)
 *   &lt;store&gt;/store.mv         the MVStore file (its own header starts with "H:2,")
 *   &lt;store&gt;/LOCK             lock file: exclusive lock while open for writing, shared while read-only
 *   &lt;store&gt;/store.mv.damaged-&lt;time&gt;  the damaged file a rollback repair kept (see the README)
 *   &lt;store&gt;/REPAIR-&lt;time&gt;.txt     what that repair dropped
 * </pre>
 * A directory rather than a bare file leaves room for the lock and for what repair keeps, and
 * makes the store recognisable without opening it. Within one JVM a store is open at most once;
 * across processes the lock file allows one writer or any number of readers.
 */
final class StoreDir implements AutoCloseable {

    static final String MARKER = "OXISTORE-BTREE";
    static final String DATA = "store.mv";
    static final String LOCK = "LOCK";
    static final String ENGINE_ID = "oxistore-kv-btree";
    static final int FORMAT = 1;

    private static final Set<String> OWN_FILES = Set.of(MARKER, DATA, LOCK);
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path key;
    private final boolean created;
    private FileChannel lockChannel;
    private FileLock lock;

    private StoreDir(Path dir, Path key, boolean created) {
        this.dir = dir;
        this.key = key;
        this.created = created;
    }

    Path dir() {
        return dir;
    }

    Path dataFile() {
        return dir.resolve(DATA);
    }

    /** True when this open created the store. */
    boolean created() {
        return created;
    }

    /**
     * Prepares {@code path} as a store directory (creating it when allowed) and locks it.
     *
     * @throws NotFoundException     when there is no store and none may be created
     * @throws WrongEngineException  when the path holds something that is not a BTREE store
     * @throws StoreLockedException  when the store is open elsewhere
     */
    static StoreDir open(Path path, boolean readOnly, boolean createIfMissing) {
        if (path == null) {
            throw new InvalidArgumentException("store path is null");
        }
        try {
            if (Files.isRegularFile(path)) {
                throw new WrongEngineException(path + " is a file, not a BTREE store: BTREE stores are directories"
                        + (looksLikeMvStore(path) ? " (this looks like a plain H2 MVStore file, which OxiStore does not open)" : "")
                        + "; pass the store's directory, or use OxiStore.detect(path)");
            }
            boolean exists = Files.isDirectory(path);
            boolean marked = exists && Files.exists(path.resolve(MARKER));
            if (!marked) {
                if (exists) {
                    List<String> foreign = foreignEntries(path);
                    if (!foreign.isEmpty() || Files.exists(path.resolve(DATA))) {
                        throw new WrongEngineException(path + " holds files that are not a BTREE store " + foreign
                                + ": open it with the engine that wrote it (OxiStore.detect(path) tells which), or choose an empty directory");
                    }
                }
                if (readOnly || !createIfMissing) {
                    throw new NotFoundException("no BTREE store at " + path
                            + (readOnly ? ": a read-only open does not create one" : ": open with createIfMissing(true) to create it"));
                }
                Files.createDirectories(path);
            } else {
                checkMarker(path);
            }
            Path key = path.toRealPath();
            if (!OPEN_IN_THIS_JVM.add(key)) {
                throw new StoreLockedException("store " + path + " is already open in this JVM: share that instance, or close it first");
            }
            StoreDir d = new StoreDir(path, key, !marked);
            boolean ok = false;
            try {
                d.lock(readOnly);
                if (!marked) {
                    writeMarker(path);
                }
                ok = true;
                return d;
            } finally {
                if (!ok) {
                    d.close();
                }
            }
        } catch (IOException e) {
            throw Errors.io(path.toString(), e);
        }
    }

    /** True when {@code path} is a BTREE store directory, judged by its marker and file header. */
    static boolean recognizes(Path path) {
        if (path == null || !Files.isDirectory(path)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(path.resolve(MARKER), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().equals(ENGINE_ID)) {
                return false;
            }
            Path data = path.resolve(DATA);
            return !Files.exists(data) || Files.size(data) == 0 || looksLikeMvStore(data);
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the store at {@code path}; a missing path or an empty directory is removed quietly. */
    static void destroy(Path path) {
        if (path == null) {
            throw new InvalidArgumentException("store path is null");
        }
        try {
            if (!Files.exists(path)) {
                return;
            }
            if (!Files.isDirectory(path) || !(recognizes(path) || isEmpty(path))) {
                throw new WrongEngineException(path + " is not a BTREE store; refusing to delete it (OxiStore.detect(path) tells what it is)");
            }
            if (recognizes(path)) {
                // take the store's lock so an open store is never deleted underneath its owner
                StoreDir locked = open(path, false, false);
                try {
                    deleteTree(path);
                } finally {
                    locked.close();
                }
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw Errors.io(path.toString(), e);
        }
    }

    /** Copies the store files of {@code from} (a closed store or a backup) into the new directory {@code to}. */
    static void copyStore(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".restoring");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        for (String name : List.of(DATA, MARKER)) {
            Path src = from.resolve(name);
            if (Files.exists(src)) {
                Files.copy(src, tmp.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                fsync(tmp.resolve(name));
            }
        }
        fsync(tmp);
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, to);
        }
        if (to.toAbsolutePath().getParent() != null) {
            fsync(to.toAbsolutePath().getParent());
        }
    }

    /** Forces a file or directory to disk (directories: where the platform allows it). */
    static void fsync(Path p) throws IOException {
        boolean directory = Files.isDirectory(p);
        try (FileChannel ch = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // some platforms cannot open or sync a directory; the file syncs still hold
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void lock(boolean readOnly) throws IOException {
        Path lockFile = dir.resolve(LOCK);
        try {
            lockChannel = readOnly && !Files.isWritable(dir)
                    ? FileChannel.open(lockFile, StandardOpenOption.READ)
                    : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            // a read-only store on a read-only medium without a lock file: MVStore's own lock still applies
            return;
        }
        try {
            lock = lockChannel.tryLock(0, Long.MAX_VALUE, readOnly);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreLockedException("store " + dir + " is open " + (readOnly ? "for writing " : "")
                    + "in another process: close it there first" + (readOnly ? "" : " (read-only opens share the store only with each other)"));
        }
    }

    private void releaseLock() throws IOException {
        if (lock != null) {
            lock.release();
            lock = null;
        }
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }

    /** Releases the lock; harmless when called again. */
    @Override
    public void close() {
        try {
            releaseLock();
        } catch (IOException ignored) {
            // closing the channel releases the lock whatever happens
        } finally {
            OPEN_IN_THIS_JVM.remove(key);
        }
    }

    private static void checkMarker(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path.resolve(MARKER), StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(ENGINE_ID)) {
            throw new WrongEngineException(path + " has a marker file that is not a BTREE store's: open it with the engine that wrote it");
        }
        int format = -1;
        for (String line : lines) {
            if (line.startsWith("format=")) {
                try {
                    format = Integer.parseInt(line.substring(7).trim());
                } catch (NumberFormatException e) {
                    format = -1;
                }
            }
        }
        if (format < 1) {
            throw new CorruptionException("marker file of " + path + " has no valid format line: restore it from a backup");
        }
        if (format > FORMAT) {
            throw new CorruptionException("store " + path + " has format " + format + ", newer than this engine's "
                    + FORMAT + ": upgrade oxistore-kv-btree");
        }
    }

    static void writeMarker(Path path) throws IOException {
        Path tmp = path.resolve(MARKER + ".tmp");
        Files.writeString(tmp, ENGINE_ID + "\nformat=" + FORMAT + "\n", StandardCharsets.UTF_8);
        fsync(tmp);
        try {
            Files.move(tmp, path.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING);
        }
        fsync(path);
    }

    private static boolean looksLikeMvStore(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && new String(head, StandardCharsets.ISO_8859_1).equals("H:2,");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static List<String> foreignEntries(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (!OWN_FILES.contains(name) && !name.equals(MARKER + ".tmp") && !name.startsWith(DATA + ".damaged-")
                        && !name.startsWith("REPAIR-")) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
