package dev.oxistore.kv.hlog;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.spi.KvEngine;
import java.nio.file.Path;

/**
 * The {@link EngineKind#HLOG} engine: FASTER-style hybrid-log stores, one directory per store (see
 * the module README for the layout, the options and what is supported). Found by
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class HlogEngine implements KvEngine {

    /** Creates the engine (for {@link java.util.ServiceLoader}). */
    public HlogEngine() {
    }

    @Override
    public EngineKind kind() {
        return EngineKind.HLOG;
    }

    @Override
    public KvStore open(Path path, StoreConfig config) {
        return HlogKvStore.open(path, config);
    }

    @Override
    public KvStore openInMemory(StoreConfig config) {
        return HlogKvStore.openInMemory(config);
    }

    @Override
    public boolean recognizes(Path path) {
        return StoreLayout.recognizes(path);
    }

    @Override
    public void destroy(Path path) {
        StoreLayout.destroy(path);
    }

    @Override
    public void restore(Path backup, Path target) {
        throw new UnsupportedFeatureException(Capability.BACKUP, "HLOG stores have no backup yet: copy the directory "
                + "of a closed store instead");
    }

    @Override
    public String toString() {
        return "HlogEngine[" + EngineKind.HLOG.artifactId() + "]";
    }
}
