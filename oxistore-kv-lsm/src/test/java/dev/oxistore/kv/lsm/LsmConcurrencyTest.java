package dev.oxistore.kv.lsm;

import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The LSM engine (small memtables, so flushes and compactions run) against the concurrency suite. */
class LsmConcurrencyTest extends KvStoreConcurrencySuite {

    @Override
    protected StoreFactory factory() {
        return new LsmFactory();
    }
}
