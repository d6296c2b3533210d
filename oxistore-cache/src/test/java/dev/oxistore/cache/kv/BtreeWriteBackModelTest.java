package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.KvStoreModelSuite;
import dev.oxistore.testkit.StoreFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The testkit's model suite over a WRITE_BACK cache (ARC) in front of BTREE, with reopen steps
 * (close flushes, reopen must see everything). About a minute, so it runs with
 * {@code -Doxistore.soak=2} or more; the MEMORY model tests run by default.
 */
class BtreeWriteBackModelTest extends KvStoreModelSuite {

    @BeforeAll
    static void onlyUnderSoak() {
        Assumptions.assumeTrue(Integer.getInteger("oxistore.soak", 1) > 1, "runs with -Doxistore.soak=2 or more");
    }

    @Override
    protected StoreFactory factory() {
        return CachedStores.factory(EngineKind.BTREE, WriteMode.WRITE_BACK, Policy.ARC);
    }
}
