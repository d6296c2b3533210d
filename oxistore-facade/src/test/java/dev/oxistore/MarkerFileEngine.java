package dev.oxistore;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A test engine that claims {@link EngineKind#LSM} and keeps nothing but a marker file in the
 * store directory, so the facade's detection, routing and destroy can be tested without a real
 * persistent engine. Its stores answer kind, path, config, capabilities, backup and close; every
 * data method raises {@link UnsupportedFeatureException}.
 */
public final class MarkerFileEngine implements KvEngine {

    static final EngineKind KIND = EngineKind.LSM;
    static final String MARKER = "MARKER-FILE-ENGINE";

    @Override
    public EngineKind kind() {
        return KIND;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        if (!Files.exists(path)) {
            if (!config.createIfMissing()) {
                throw new NotFoundException("no store at " + path);
            }
            io(() -> Files.createDirectories(path));
        } else if (!recognizes(path) && !isEmptyDirectory(path)) {
            throw new WrongEngineException(path + " is not a marker-file store");
        }
        if (!recognizes(path)) {
            io(() -> Files.writeString(path.resolve(MARKER), "marker"));
        }
        return store(path, config);
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        throw new UnsupportedFeatureException(Capability.PERSISTENT, "the marker-file engine has no in-memory mode");
    }

    @Override
    public boolean recognizes(Path path) {
        return Files.isRegularFile(path.resolve(MARKER));
    }

    @Override
    public void destroy(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        if (!recognizes(path)) {
            throw new WrongEngineException(path + " is not a marker-file store");
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> io(() -> Files.delete(p)));
        } catch (IOException e) {
            throw new StoreIOException("cannot delete " + path, e);
        }
    }

    @Override
    public void restore(Path backup, Path target) {
        if (Files.exists(target)) {
            throw new InvalidArgumentException(target + " exists");
        }
        if (!recognizes(backup)) {
            throw new CorruptionException(backup + " is not a marker-file backup");
        }
        copy(backup, target);
    }

    private static KvStore store(Path path, StoreConfig config) {
        AtomicBoolean open = new AtomicBoolean(true);
        return (KvStore) Proxy.newProxyInstance(KvStore.class.getClassLoader(), new Class<?>[] {KvStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "kind" -> KIND;
                    case "path" -> Optional.of(path);
                    case "config" -> config;
                    case "capabilities" -> Set.of(Capability.PERSISTENT, Capability.BACKUP);
                    case "isOpen" -> open.get();
                    case "close" -> {
                        open.set(false);
                        yield null;
                    }
                    case "backup" -> {
                        copy(path, (Path) args[0]);
                        yield null;
                    }
                    case "toString" -> "MarkerFileStore[" + path + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedFeatureException(null, "the marker-file engine stores no data");
                });
    }

    private static void copy(Path from, Path to) {
        io(() -> Files.createDirectories(to));
        io(() -> Files.copy(from.resolve(MARKER), to.resolve(MARKER)));
    }

    private static boolean isEmptyDirectory(Path path) {
        try (Stream<Path> s = Files.list(path)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new StoreIOException(e.getMessage(), e);
        }
    }
}
