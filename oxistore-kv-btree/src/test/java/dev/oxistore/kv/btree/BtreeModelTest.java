package dev.oxistore.kv.btree;

import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The BTREE engine against the model-based property tests (with close-and-reopen steps). */
class BtreeModelTest extends KvStoreModelSuite {

    @Override
    protected StoreFactory factory() {
        return new BtreeFactory();
    }
}
