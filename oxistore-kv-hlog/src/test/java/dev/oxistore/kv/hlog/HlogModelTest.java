package dev.oxistore.kv.hlog;

import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The HLOG engine against the model-based property tests (with close-and-reopen steps). */
class HlogModelTest extends KvStoreModelSuite {

    @Override
    protected StoreFactory factory() {
        return new HlogFactory();
    }

    @Override
    protected void configure(StoreConfig.Builder builder) {
        builder.engineOption("indexBuckets", "64").engineOption("pageBits", "12").engineOption("memoryPages", "4");
    }
}
