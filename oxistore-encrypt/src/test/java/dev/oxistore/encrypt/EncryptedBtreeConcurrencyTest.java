package dev.oxistore.encrypt;

import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's concurrency suite against {@link EncryptedKvStore} over the BTREE engine (persistent). */
class EncryptedBtreeConcurrencyTest extends KvStoreConcurrencySuite {

    @Override
    protected StoreFactory factory() {
        return EncryptedStores.BTREE;
    }
}
