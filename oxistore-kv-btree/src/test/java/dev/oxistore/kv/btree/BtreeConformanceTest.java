package dev.oxistore.kv.btree;

import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The BTREE engine against the whole conformance suite. */
class BtreeConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return new BtreeFactory();
    }
}
