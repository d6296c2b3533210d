package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ConformanceSuite over a WRITE_BACK cache (LFU) in front of MEMORY. */
class MemoryWriteBackConformanceTest extends KvStoreConformanceSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.WRITE_BACK, Policy.LFU);
    }
}
