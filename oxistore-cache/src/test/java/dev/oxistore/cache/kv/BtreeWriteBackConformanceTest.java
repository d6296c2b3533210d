package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ConformanceSuite over a WRITE_BACK cache (ARC) in front of BTREE. */
class BtreeWriteBackConformanceTest extends KvStoreConformanceSuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.BTREE, WriteMode.WRITE_BACK, Policy.ARC);
    }
}
