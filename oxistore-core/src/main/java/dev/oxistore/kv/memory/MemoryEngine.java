package dev.oxistore.kv.memory;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WrongEngineException;
import dev.oxistore.kv.spi.KvEngine;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The {@link EngineKind#MEMORY} engine: multi-version stores that live in the heap and vanish on
 * close. Found through {@link java.util.ServiceLoader}; see {@link MemoryStore} for the design.
 */
public final class MemoryEngine implements KvEngine {

    /** Called by {@link java.util.ServiceLoader}. */
    public MemoryEngine() {
    }

    @Override
    public EngineKind kind() {
        return EngineKind.MEMORY;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        throw new UnsupportedFeatureException(Capability.PERSISTENT, "the MEMORY engine keeps nothing on disk, so it "
                + "cannot open " + path + ": use openInMemory(...) for a store in memory, or a persistent engine such "
                + "as EngineKind.BTREE (artifact " + EngineKind.BTREE.artifactId() + ") for a store at a path");
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        if (config == null) {
            throw new InvalidArgumentException("config is null: pass StoreConfig.defaults() or a built configuration");
        }
        return new MemoryStore(config);
    }

    /** Always false: no file holds a memory store. */
    @Override
    public boolean recognizes(Path path) {
        return false;
    }

    /** A missing path is fine; an existing one cannot be a memory store and is refused. */
    @Override
    public void destroy(Path path) {
        if (path == null) {
            throw new InvalidArgumentException("path is null: pass the path of the store to destroy");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new WrongEngineException(path + " exists, but the MEMORY engine has nothing on disk, so it is not a "
                    + "memory store; destroy it with the engine that wrote it (OxiStore.detect tells which)");
        }
    }

    @Override
    public void restore(Path backup, Path target) {
        throw new UnsupportedFeatureException(Capability.BACKUP, "the MEMORY engine has no backups to restore: "
                + "restore with a persistent engine such as EngineKind.BTREE (artifact "
                + EngineKind.BTREE.artifactId() + ")");
    }

    @Override
    public String toString() {
        return "MemoryEngine";
    }
}
