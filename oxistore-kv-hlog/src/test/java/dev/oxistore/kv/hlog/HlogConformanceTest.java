package dev.oxistore.kv.hlog;

import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/**
 * The HLOG engine against the whole conformance suite, with a small index so checkpoints are
 * cheap and 2 MiB pages (the largest conformance value is 1 MiB).
 */
class HlogConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return new HlogFactory();
    }

    @Override
    protected void configure(StoreConfig.Builder builder) {
        builder.engineOption("indexBuckets", "256").engineOption("pageBits", "21").engineOption("memoryPages", "4");
    }
}
