package dev.oxistore.kv.spi;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;

/**
 * The service an engine module provides (through {@code module-info} {@code provides} and
 * {@code META-INF/services/dev.oxistore.kv.spi.KvEngine}) so the facade finds it with
 * {@link java.util.ServiceLoader}. Implementations need a public no-argument constructor and
 * must be thread-safe.
 */
public interface KvEngine {

    /** The kind this engine implements; one engine per kind on the path. */
    EngineKind kind();

    /**
     * Opens (or, per {@link StoreConfig#createIfMissing()}, creates) the store at {@code path}.
     *
     * @throws dev.oxistore.kv.NotFoundException when the path is missing and may not be created
     * @throws dev.oxistore.kv.WrongEngineException when the path holds another engine's store
     * @throws dev.oxistore.kv.StoreLockedException when another process has it open
     * @throws dev.oxistore.kv.CorruptionException when its files fail verification
     */
    KvStore open(Path path, StoreConfig config);

    /**
     * Opens a store that lives only in memory and vanishes on close.
     *
     * @throws dev.oxistore.kv.UnsupportedFeatureException when the engine has no in-memory mode
     */
    KvStore openInMemory(StoreConfig config);

    /** True when {@code path} holds a store of this engine (judged by its header or marker file). */
    boolean recognizes(Path path);

    /**
     * Deletes the store at {@code path} and all its files; a missing path is not an error.
     *
     * @throws dev.oxistore.kv.WrongEngineException when the path holds something else
     */
    void destroy(Path path);

    /**
     * Makes {@code target} a store equal to the backup at {@code backup} (written by
     * {@link KvStore#backup(Path)}), verifying it first.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException when {@code target} exists
     * @throws dev.oxistore.kv.CorruptionException when the backup fails verification
     */
    void restore(Path backup, Path target);
}
