package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ModelSuite over a WRITE_THROUGH cache (W_TINYLFU) in front of MEMORY. */
class MemoryWriteThroughModelTest extends KvStoreModelSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.WRITE_THROUGH, Policy.W_TINYLFU);
    }
}
