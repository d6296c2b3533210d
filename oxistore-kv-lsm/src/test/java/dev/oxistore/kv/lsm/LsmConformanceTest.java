package dev.oxistore.kv.lsm;

import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The LSM engine (small memtables, so flushes and compactions run) against the whole conformance suite. */
class LsmConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return new LsmFactory();
    }
}
