package dev.oxistore.encrypt;

import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;

/** The testkit's model suite against {@link EncryptedKvStore} over the MEMORY engine. */
class EncryptedModelTest extends KvStoreModelSuite {

    @Override
    protected StoreFactory factory() {
        return EncryptedStores.MEMORY;
    }
}
