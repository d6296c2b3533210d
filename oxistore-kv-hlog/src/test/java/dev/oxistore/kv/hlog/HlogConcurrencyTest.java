package dev.oxistore.kv.hlog;

import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The HLOG engine's KvStore face against the concurrency suite (CAS and merge counters, whole batches). */
class HlogConcurrencyTest extends KvStoreConcurrencySuite {

    @Override
    protected StoreFactory factory() {
        return new HlogFactory();
    }

    @Override
    protected void configure(StoreConfig.Builder builder) {
        builder.engineOption("indexBuckets", "1024").engineOption("pageBits", "16").engineOption("memoryPages", "4");
    }
}
