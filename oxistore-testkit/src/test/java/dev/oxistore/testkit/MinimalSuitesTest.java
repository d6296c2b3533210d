package dev.oxistore.testkit;

import org.junit.jupiter.api.Nested;

/** Runs every suite against {@link MinimalMemoryFactory}: what an engine lacks is skipped, and refused cleanly. */
class MinimalSuitesTest {

    private static final StoreFactory FACTORY = new MinimalMemoryFactory();

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

    @Nested
    class Concurrency extends KvStoreConcurrencySuite {
        @Override
        protected StoreFactory factory() {
            return FACTORY;
        }
    }
}
