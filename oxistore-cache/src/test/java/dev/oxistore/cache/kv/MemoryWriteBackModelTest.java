package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ModelSuite over a WRITE_BACK cache (LRU) in front of MEMORY. */
class MemoryWriteBackModelTest extends KvStoreModelSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.WRITE_BACK, Policy.LRU);
    }
}
