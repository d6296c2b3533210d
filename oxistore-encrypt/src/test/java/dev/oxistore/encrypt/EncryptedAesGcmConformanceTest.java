package dev.oxistore.encrypt;

import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;

/** The conformance suite against {@link EncryptedKvStore} with AES-256-GCM over the MEMORY engine. */
class EncryptedAesGcmConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return EncryptedStores.MEMORY_GCM;
    }
}
