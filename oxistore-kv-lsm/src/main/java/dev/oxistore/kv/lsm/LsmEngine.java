package dev.oxistore.kv.lsm;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.kv.spi.Restores;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link EngineKind#LSM} engine: log-structured merge trees, one directory per store (see the
 * module README for the layout, formats, options and durability). Found by
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class LsmEngine implements KvEngine {

    /** Creates the engine (for {@link java.util.ServiceLoader}). */
    public LsmEngine() {
    }

    @Override
    public EngineKind kind() {
        return EngineKind.LSM;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        return LsmStore.open(path, config, FileIo.DEFAULT);
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        throw new UnsupportedFeatureException(Capability.PERSISTENT, "the LSM engine keeps its tables on disk and has no "
                + "in-memory mode: open it at a path (a temporary directory works), or use EngineKind.MEMORY");
    }

    @Override
    public boolean recognizes(Path path) {
        return StoreFiles.recognizes(path);
    }

    @Override
    public void destroy(Path path) {
        StoreFiles.destroy(path);
    }

    @Override
    public void restore(Path backup, Path target) {
        Restores.verify(this, backup, target);
        try {
            Backup.copy(backup, target);
        } catch (IOException e) {
            throw new StoreIOException("restore of " + backup + " to " + target + " failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "LsmEngine[" + EngineKind.LSM.artifactId() + "]";
    }
}
