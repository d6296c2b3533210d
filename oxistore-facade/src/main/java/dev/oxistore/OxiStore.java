package dev.oxistore;

import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.local.LocalBlobStore;
import dev.oxistore.cache.Policy;
import dev.oxistore.cache.kv.CachedKvStore;
import dev.oxistore.cache.kv.WriteMode;
import dev.oxistore.internal.EngineRegistry;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.EngineUnavailableException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens key-value stores. Engines are found with {@link java.util.ServiceLoader} (each engine
 * module provides a {@link KvEngine}); a kind whose module is absent raises
 * {@link EngineUnavailableException} naming the Maven artifact to add.
 *
 * <pre>{@code
 * try (KvStore store = OxiStore.open(Path.of("data"))) {   // detects the engine, else BTREE
 *     store.put(Bytes.utf8("hello"), Bytes.utf8("world"));
 * }
 * }</pre>
 *
 * <p>Rules: a path that already holds a store is opened by the engine that wrote it; naming
 * another engine for it raises {@link WrongEngineException} naming the owner, and nothing is
 * touched. A null argument raises {@link InvalidArgumentException}. Thread-safe.
 */
public final class OxiStore {

    /** The engine a new store gets when none is named: the durable B-tree. */
    public static final EngineKind DEFAULT_ENGINE = EngineKind.BTREE;

    private static final StoreConfig READ_ONLY = StoreConfig.builder().readOnly(true).build();

    private OxiStore() {
    }

    /**
     * Opens the store at {@code path} with the engine that wrote it, or creates a
     * {@link #DEFAULT_ENGINE} store there when nothing is recognised.
     *
     * @throws EngineUnavailableException when the engine needed is not on the path
     */
    public static KvStore open(Path path) {
        return open(path, StoreConfig.defaults());
    }

    /** Like {@link #open(Path)}, with {@code config}. */
    public static KvStore open(Path path, StoreConfig config) {
        requireArg(path, "path");
        requireArg(config, "config");
        EngineKind kind = detect(path).orElse(DEFAULT_ENGINE);
        return registry().require(kind).open(path, config);
    }

    /** Opens or creates a store of {@code kind} at {@code path} with the default configuration. */
    public static KvStore open(EngineKind kind, Path path) {
        return open(kind, path, StoreConfig.defaults());
    }

    /**
     * Opens or creates a store of {@code kind} at {@code path}.
     *
     * @throws EngineUnavailableException when the module of {@code kind} is absent
     * @throws WrongEngineException when {@code path} holds another engine's store
     * @throws NotFoundException when the path is missing and {@code config} may not create it
     */
    public static KvStore open(EngineKind kind, Path path, StoreConfig config) {
        requireArg(kind, "engine kind");
        requireArg(path, "path");
        requireArg(config, "config");
        KvEngine engine = registry().require(kind);
        refuseForeignStore(engine, path, "open");
        return engine.open(path, config);
    }

    /**
     * Opens an existing store read-only with the engine that wrote it; writes raise
     * {@link dev.oxistore.kv.ReadOnlyStoreException}.
     *
     * @throws NotFoundException when {@code path} is missing or no engine on the path recognises it
     */
    public static KvStore openReadOnly(Path path) {
        requireArg(path, "path");
        if (!Files.exists(path)) {
            throw new NotFoundException("no store at " + path + ": check the path (OxiStore.open(path) creates a new store)");
        }
        EngineKind kind = detect(path).orElseThrow(() -> unrecognised(path, "store"));
        return registry().require(kind).open(path, READ_ONLY);
    }

    /** Opens an empty store of {@code kind} that lives in memory and vanishes on close. */
    public static KvStore openInMemory(EngineKind kind) {
        return openInMemory(kind, StoreConfig.defaults());
    }

    /**
     * Like {@link #openInMemory(EngineKind)}, with {@code config}.
     *
     * @throws dev.oxistore.kv.UnsupportedFeatureException when the engine has no in-memory mode
     */
    public static KvStore openInMemory(EngineKind kind, StoreConfig config) {
        requireArg(kind, "engine kind");
        requireArg(config, "config");
        return registry().require(kind).openInMemory(config);
    }

    /**
     * Opens or creates a store of {@code kind} at {@code path} behind a write-through cache of
     * {@code capacity} entries with the replacement {@code policy}; closing the cached store
     * closes the store. For read-through or write-back, or a bound in bytes, wrap a store with
     * {@link CachedKvStore#builder(KvStore)} instead.
     *
     * @throws InvalidArgumentException when {@code capacity < 1} or an argument is null
     * @throws EngineUnavailableException when the module of {@code kind} is absent
     */
    public static CachedKvStore openCached(EngineKind kind, Path path, long capacity, Policy policy) {
        requireArg(policy, "policy");
        if (capacity < 1) {
            throw new InvalidArgumentException("capacity must be at least 1 entry, got " + capacity);
        }
        KvStore store = open(kind, path);
        try {
            return CachedKvStore.builder(store).mode(WriteMode.WRITE_THROUGH).policy(policy).maximumEntries(capacity).build();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Like {@link #openCached(EngineKind, Path, long, Policy)} with {@link Policy#W_TINYLFU}. */
    public static CachedKvStore openCached(EngineKind kind, Path path, long capacity) {
        return openCached(kind, path, capacity, Policy.W_TINYLFU);
    }

    /**
     * The engine that wrote the store at {@code path}, asking each engine present; empty when the
     * path is missing or no engine present recognises it.
     */
    public static Optional<EngineKind> detect(Path path) {
        requireArg(path, "path");
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        for (Map.Entry<EngineKind, KvEngine> e : registry().engines().entrySet()) {
            if (e.getValue().recognizes(path)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the store of {@code kind} at {@code path} and all its files; a missing path is not
     * an error.
     *
     * @throws WrongEngineException when the path holds another engine's store (nothing is deleted)
     */
    public static void destroy(EngineKind kind, Path path) {
        requireArg(kind, "engine kind");
        requireArg(path, "path");
        KvEngine engine = registry().require(kind);
        refuseForeignStore(engine, path, "destroy");
        engine.destroy(path);
    }

    /**
     * Writes a consistent copy of {@code store} to {@code target} while writers continue; the
     * copy is a store of the same engine, for {@link #restore} or to open directly.
     *
     * @throws dev.oxistore.kv.UnsupportedFeatureException when the engine cannot back up
     * @throws InvalidArgumentException when {@code target} exists
     */
    public static void backup(KvStore store, Path target) {
        requireArg(store, "store");
        requireArg(target, "target");
        store.backup(target);
    }

    /**
     * Makes {@code target} a store equal to {@code backup}, with the engine that wrote the backup.
     *
     * @throws NotFoundException when {@code backup} is missing or no engine present recognises it
     * @throws InvalidArgumentException when {@code target} exists
     * @throws dev.oxistore.kv.CorruptionException when the backup fails verification
     */
    public static void restore(Path backup, Path target) {
        requireArg(backup, "backup");
        requireArg(target, "target");
        if (!Files.exists(backup)) {
            throw new NotFoundException("no backup at " + backup + ": check the path");
        }
        EngineKind kind = detect(backup).orElseThrow(() -> unrecognised(backup, "backup"));
        registry().require(kind).restore(backup, target);
    }

    /**
     * Opens (creating if needed) the local blob store under the directory {@code root}: objects
     * as files, written atomically and forced to disk (see {@link LocalBlobStore}).
     *
     * @throws dev.oxistore.kv.StoreLockedException when another store has it open
     * @throws InvalidArgumentException when {@code root} is null, a file, or a non-empty directory that is not a blob store
     */
    public static BlobStore openBlob(Path root) {
        requireArg(root, "blob store root");
        return LocalBlobStore.open(root);
    }

    /** The kinds whose engine module is on the class or module path. */
    public static Set<EngineKind> availableEngines() {
        return registry().kinds();
    }

    private static EngineRegistry registry() {
        return EngineRegistry.shared();
    }

    /** Refuses to let one engine open or delete what another engine wrote. */
    private static void refuseForeignStore(KvEngine engine, Path path, String verb) {
        if (!Files.exists(path) || engine.recognizes(path)) {
            return;
        }
        Optional<EngineKind> owner = detect(path);
        if (owner.isPresent()) {
            String k = owner.get().name();
            throw new WrongEngineException(path + " holds a " + k + " store, not " + engine.kind()
                    + ": nothing was changed; " + verb + " it with EngineKind." + k
                    + (verb.equals("open") ? " (OxiStore.open(path) detects the engine)" : ""));
        }
    }

    private static NotFoundException unrecognised(Path path, String what) {
        Set<EngineKind> missing = EnumSet.allOf(EngineKind.class);
        missing.removeAll(availableEngines());
        String hint = missing.isEmpty() ? "it is not an OxiStore " + what
                : "if another engine wrote it, add its module: " + missing.stream()
                        .map(k -> "dev.oxistore:" + k.artifactId()).collect(Collectors.joining(", "));
        return new NotFoundException("no engine present recognises the " + what + " at " + path
                + " (present: " + availableEngines().toString().toLowerCase(Locale.ROOT) + "); " + hint);
    }

    private static void requireArg(Object value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " is null");
        }
    }
}
