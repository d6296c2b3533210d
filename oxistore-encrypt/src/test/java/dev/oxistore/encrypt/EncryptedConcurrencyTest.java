package dev.oxistore.encrypt;

import dev.oxistore.testkit.KvStoreConcurrencySuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's concurrency suite against {@link EncryptedKvStore} over the MEMORY engine. */
class EncryptedConcurrencyTest extends KvStoreConcurrencySuite {

    @Override
    protected StoreFactory factory() {
        return EncryptedStores.MEMORY;
    }
}
