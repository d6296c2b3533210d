package dev.oxistore.kv.btree;

import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The BTREE engine against the concurrency suite (CAS counters, bank transfers, readers during writes). */
class BtreeConcurrencyTest extends KvStoreConcurrencySuite {

    @Override
    protected StoreFactory factory() {
        return new BtreeFactory();
    }
}
