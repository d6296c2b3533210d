package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ConcurrencySuite over a WRITE_THROUGH cache (LRU) in front of MEMORY. */
class MemoryWriteThroughConcurrencyTest extends KvStoreConcurrencySuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.WRITE_THROUGH, Policy.LRU);
    }
}
