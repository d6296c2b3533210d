package dev.oxistore.kv.btree;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.kv.spi.Restores;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@link EngineKind#BTREE} engine: B-tree stores on H2 MVStore, one directory per store
 * (see the module README for the layout, options and durability). Found by
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class BtreeEngine implements KvEngine {

    /** Creates the engine (for {@link java.util.ServiceLoader}). */
    public BtreeEngine() {
    }

    @Override
    public EngineKind kind() {
        return EngineKind.BTREE;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        return BtreeStore.open(path, config);
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        return BtreeStore.openInMemory(config);
    }

    @Override
    public boolean recognizes(Path path) {
        return StoreDir.recognizes(path);
    }

    @Override
    public void destroy(Path path) {
        StoreDir.destroy(path);
    }

    @Override
    public void restore(Path backup, Path target) {
        Restores.verify(this, backup, target);
        try {
            StoreDir.copyStore(backup, target);
        } catch (IOException e) {
            throw Errors.io(target.toString(), e);
        }
    }

    @Override
    public String toString() {
        return "BtreeEngine[" + EngineKind.BTREE.artifactId() + "]";
    }
}
