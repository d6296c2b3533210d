package dev.oxistore.kv.memory;

import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The conformance suite against the in-memory engine. */
class MemoryConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return MemoryStores.FACTORY;
    }
}
