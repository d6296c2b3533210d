package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's ConcurrencySuite over a READ_THROUGH cache (LFU) in front of MEMORY. */
class MemoryReadThroughConcurrencyTest extends KvStoreConcurrencySuite {
    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.MEMORY, WriteMode.READ_THROUGH, Policy.LFU);
    }
}
