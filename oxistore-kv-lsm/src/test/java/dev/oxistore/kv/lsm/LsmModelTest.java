package dev.oxistore.kv.lsm;

import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The LSM engine (small memtables, so flushes and compactions run) against the model-based property tests (with close-and-reopen steps). */
class LsmModelTest extends KvStoreModelSuite {

    @Override
    protected StoreFactory factory() {
        return new LsmFactory();
    }
}
