package dev.oxistore.kv.memory;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** The MEMORY engine as the suites see it: found through ServiceLoader, opened in memory (dir ignored). */
public final class MemoryStores implements StoreFactory {

    public static final MemoryStores FACTORY = new MemoryStores();

    private final KvEngine engine = ServiceLoader.load(KvEngine.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(e -> e.kind() == EngineKind.MEMORY)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no KvEngine of kind MEMORY on the class path"));

    private MemoryStores() {
    }

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        return engine.openInMemory(config);
    }

    @Override
    public boolean persistent() {
        return false;
    }
}
