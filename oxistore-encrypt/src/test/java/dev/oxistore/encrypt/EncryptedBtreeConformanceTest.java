package dev.oxistore.encrypt;

import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's conformance suite against {@link EncryptedKvStore} over the BTREE engine (persistent). */
class EncryptedBtreeConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return EncryptedStores.BTREE;
    }
}
