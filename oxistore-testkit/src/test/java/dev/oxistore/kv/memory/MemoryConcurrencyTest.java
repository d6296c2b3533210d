package dev.oxistore.kv.memory;

import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The concurrency suite against the in-memory engine. */
class MemoryConcurrencyTest extends KvStoreConcurrencySuite {

    @Override
    protected StoreFactory factory() {
        return MemoryStores.FACTORY;
    }
}
