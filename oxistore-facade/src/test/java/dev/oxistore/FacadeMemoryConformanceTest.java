package dev.oxistore;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;

/** The whole conformance suite against a memory store opened through the facade, as users open one. */
class FacadeMemoryConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return new StoreFactory() {
            @Override
            public KvStore open(Path dir, StoreConfig config) {
                return OxiStore.openInMemory(EngineKind.MEMORY, config);
            }

            @Override
            public boolean persistent() {
                return false;
            }
        };
    }
}
