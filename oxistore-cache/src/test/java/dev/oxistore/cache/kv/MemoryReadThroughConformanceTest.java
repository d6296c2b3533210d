package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ConformanceSuite over a READ_THROUGH cache (LRU) in front of MEMORY. */
class MemoryReadThroughConformanceTest extends KvStoreConformanceSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.READ_THROUGH, Policy.LRU);
    }
}
