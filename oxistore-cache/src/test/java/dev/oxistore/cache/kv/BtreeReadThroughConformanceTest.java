package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ConformanceSuite over a READ_THROUGH cache (W_TINYLFU) in front of BTREE. */
class BtreeReadThroughConformanceTest extends KvStoreConformanceSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.BTREE, WriteMode.READ_THROUGH, Policy.W_TINYLFU);
    }
}
