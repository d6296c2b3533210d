package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ModelSuite over a READ_THROUGH cache (ARC) in front of MEMORY. */
class MemoryReadThroughModelTest extends KvStoreModelSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.READ_THROUGH, Policy.ARC);
    }
}
