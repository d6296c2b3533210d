package dev.oxistore.kv.memory;

import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The model suite against the in-memory engine. */
class MemoryModelTest extends KvStoreModelSuite {

    @Override
    protected StoreFactory factory() {
        return MemoryStores.FACTORY;
    }
}
