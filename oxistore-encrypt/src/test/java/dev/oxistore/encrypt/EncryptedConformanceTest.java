package dev.oxistore.encrypt;

import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's conformance suite against {@link EncryptedKvStore} over the MEMORY engine. */
class EncryptedConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return EncryptedStores.MEMORY;
    }
}
