package dev.oxistore.encrypt;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.KvStoreConformanceSuite;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;

/**
 * The conformance suite against {@link EncryptedKvStore} over an inner store without
 * transactions: compare-and-set still works (on the inner compare-and-set), and merge is declared
 * unsupported rather than done non-atomically.
 */
class EncryptedNoTransactionsConformanceTest extends KvStoreConformanceSuite {

    @Override
    protected StoreFactory factory() {
        return new StoreFactory() {
            @Override
            public KvStore open(Path dir, StoreConfig config) {
                return EncryptedKvStore.wrap(new LimitedStore(EncryptedStores.memory(config), Capability.TRANSACTIONS),
                        EncryptedStores.KEYRING);
            }

            @Override
            public boolean persistent() {
                return false;
            }
        };
    }
}
