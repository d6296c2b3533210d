package dev.oxistore.testkit;

import org.junit.jupiter.api.Nested;

/**
 * Runs the conformance and model suites against {@link ReopenableMemoryFactory}, so their
 * persistence tests and reopen steps are exercised before an on-disk engine exists.
 */
class ReopenableSuitesTest {

    private static final StoreFactory FACTORY = new ReopenableMemoryFactory();

    @Nested
    class Conformance extends KvStoreConformanceSuite {
        @Override
        protected StoreFactory factory() {
            return FACTORY;
        }
    }

    @Nested
    class Model extends KvStoreModelSuite {
        @Override
        protected StoreFactory factory() {
            return FACTORY;
        }
    }
}
