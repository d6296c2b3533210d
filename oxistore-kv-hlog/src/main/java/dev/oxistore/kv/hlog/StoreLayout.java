package dev.oxistore.kv.hlog;

import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.WrongEngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory of an HLOG store: the marker file {@value #MARKER}, the log {@code hlog.log} and
 * {@code checkpoints/}. Anything else in a non-empty directory without the marker means another
 * engine's store.
 */
final class StoreLayout {

    static final String MARKER = "oxistore-hlog";

    private StoreLayout() {
    }

    static boolean recognizes(Path path) {
        return path != null && Files.isRegularFile(path.resolve(MARKER));
    }

    /** Checks {@code path} can hold (or holds) an HLOG store and writes the marker. */
    static void prepare(Path path, boolean createIfMissing) {
        try {
            if (!Files.exists(path)) {
                if (!createIfMissing) {
                    throw new NotFoundException("no HLOG store at " + path + ": create it with createIfMissing(true)");
                }
                Files.createDirectories(path);
            }
            if (!Files.isDirectory(path)) {
                throw new WrongEngineException(path + " is a file, not an HLOG store directory");
            }
            if (!recognizes(path)) {
                boolean empty;
                try (Stream<Path> s = Files.list(path)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty) {
                    throw new WrongEngineException(path + " holds files that are not an HLOG store: open it with the "
                            + "engine that wrote it, or use an empty directory");
                }
                if (!createIfMissing) {
                    throw new NotFoundException("no HLOG store at " + path + ": create it with createIfMissing(true)");
                }
                Files.writeString(path.resolve(MARKER), "OxiStore HLOG store, format 1\n");
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot prepare " + path + ": " + e.getMessage(), e);
        }
    }

    static void destroy(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        if (!recognizes(path)) {
            throw new WrongEngineException(path + " is not an HLOG store: refusing to delete it");
        }
        deleteTree(path);
    }

    static void deleteTree(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StoreIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
