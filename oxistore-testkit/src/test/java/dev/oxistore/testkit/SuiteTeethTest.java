package dev.oxistore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.memory.MemoryStores;
import dev.oxistore.kv.spi.ForwardingKvStore;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suites have teeth: a test method that passes on the healthy memory engine fails with an
 * assertion on a store broken in exactly the way the test is about. Suite methods are called
 * directly on an instance whose {@code tempDir} is set by hand, as JUnit would.
 */
class SuiteTeethTest {

    @TempDir
    Path tmp;

    private int runs;

    private static KvStoreConformanceSuite conformance(StoreFactory factory, Path dir) {
        return new KvStoreConformanceSuite() {
            {
                tempDir = dir;
            }

            @Override
            protected StoreFactory factory() {
                return factory;
            }
        };
    }

    private static KvStoreConcurrencySuite concurrency(StoreFactory factory, Path dir) {
        return new KvStoreConcurrencySuite() {
            {
                tempDir = dir;
            }

            @Override
            protected StoreFactory factory() {
                return factory;
            }
        };
    }

    /** Runs {@code test} on a healthy store (must pass), then on a broken one (must fail an assertion). */
    private void assertConformanceCatches(UnaryOperator<KvStore> breaker, Consumer<KvStoreConformanceSuite> test) throws Exception {
        KvStoreConformanceSuite healthy = conformance(MemoryStores.FACTORY, Kit.mkdirs(tmp.resolve("run-" + ++runs)));
        try {
            test.accept(healthy);
        } finally {
            healthy.closeStores();
        }
        KvStoreConformanceSuite broken = conformance(BrokenStores.wrap(MemoryStores.FACTORY, breaker),
                Kit.mkdirs(tmp.resolve("run-" + ++runs)));
        Throwable failure;
        try {
            failure = catchThrowable(() -> test.accept(broken));
        } finally {
            broken.closeStores();
        }
        assertThat(failure).as("the suite must fail on the broken store").isInstanceOf(AssertionError.class);
    }

    private void assertConcurrencyCatches(UnaryOperator<KvStore> breaker, Consumer<KvStoreConcurrencySuite> test) throws Exception {
        KvStoreConcurrencySuite healthy = concurrency(MemoryStores.FACTORY, Kit.mkdirs(tmp.resolve("run-" + ++runs)));
        try {
            test.accept(healthy);
        } finally {
            healthy.closeAll();
        }
        KvStoreConcurrencySuite broken = concurrency(BrokenStores.wrap(MemoryStores.FACTORY, breaker),
                Kit.mkdirs(tmp.resolve("run-" + ++runs)));
        Throwable failure;
        try {
            failure = catchThrowable(() -> test.accept(broken));
        } finally {
            broken.closeAll();
        }
        assertThat(failure).as("the suite must fail on the broken store").isInstanceOf(AssertionError.class);
    }

    @Test
    void scansReturningExpiredKeysAreCaught() throws Exception {
        assertConformanceCatches(BrokenStores::scansShowExpired, KvStoreConformanceSuite::expiredKeysAreSkippedByScansInBothDirections);
    }

    @Test
    void snapshotsSeeingLaterWritesAreCaught() throws Exception {
        assertConformanceCatches(BrokenStores::snapshotsSeeLaterWrites, KvStoreConformanceSuite::aSnapshotIgnoresLaterWrites);
        assertConformanceCatches(BrokenStores::snapshotsSeeLaterWrites, KvStoreConformanceSuite::aSnapshotIsStableWhileAnotherThreadWrites);
    }

    @Test
    void signedKeyOrderIsCaught() throws Exception {
        assertConformanceCatches(BrokenStores::signedScanOrder, KvStoreConformanceSuite::keysOrderAsUnsignedBytesWithShorterPrefixFirst);
    }

    @Test
    void sharedValueArraysAreCaught() throws Exception {
        assertConformanceCatches(BrokenStores::sharesValueArrays, KvStoreConformanceSuite::returnedArraysAreCopiesOwnedByTheCaller);
    }

    @Test
    void nonAtomicBatchesAreCaught() throws Exception {
        assertConformanceCatches(BrokenStores::nonAtomicBatches, KvStoreConformanceSuite::aRejectedBatchAppliesNothing);
        assertConformanceCatches(BrokenStores::nonAtomicBatches, KvStoreConformanceSuite::aBatchWithAFailingMergeAppliesNothing);
        assertConcurrencyCatches(BrokenStores::nonAtomicBatches, KvStoreConcurrencySuite::scansDuringBatchWritesSeeWholeBatches);
    }

    @Test
    void swallowedConflictsAreCaught() throws Exception {
        assertConformanceCatches(BrokenStores::swallowsConflicts,
                KvStoreConformanceSuite::aWriteWriteConflictFailsTheLaterCommitAndAppliesNothingOfIt);
        assertConformanceCatches(BrokenStores::swallowsConflicts, KvStoreConformanceSuite::inTransactionRetriesOnConflict);
        assertConcurrencyCatches(BrokenStores::swallowsConflicts, KvStoreConcurrencySuite::transactionalCountersLoseNoIncrement);
    }

    @Test
    void racyCompareAndSetIsCaught() throws Exception {
        assertConcurrencyCatches(BrokenStores::racyCompareAndSet, KvStoreConcurrencySuite::compareAndSetCountersLoseNoIncrement);
    }

    @Test
    void ttlsLostOnReopenAreCaught() throws Exception {
        KvStoreConformanceSuite healthy = conformance(new ReopenableMemoryFactory(), Kit.mkdirs(tmp.resolve("healthy")));
        try {
            healthy.dataOfEveryKindSurvivesReopen();
        } finally {
            healthy.closeStores();
        }
        KvStoreConformanceSuite broken = conformance(ReopenableMemoryFactory.forgettingTtls(), Kit.mkdirs(tmp.resolve("broken")));
        try {
            assertThat(catchThrowable(broken::dataOfEveryKindSurvivesReopen)).isInstanceOf(AssertionError.class);
        } finally {
            broken.closeStores();
        }
        ModelChecker checker = new ModelChecker(ReopenableMemoryFactory.forgettingTtls(), b -> { }, Kit.mkdirs(tmp.resolve("model")));
        var failure = checker.check(OpGenerator.Profile.EXPIRY, 200, 7L, null);
        assertThat(failure).as("the model's reopen steps catch lost TTLs").isPresent();
        assertThat(failure.get().shrunk()).as(failure.get().describe("{seed}")).anyMatch(op -> op instanceof ModelOp.Reopen);
    }

    @Test
    void aMissingCapabilityThatIsSilentlyIgnoredIsCaught() throws Exception {
        StoreFactory minimal = new MinimalMemoryFactory();
        KvStoreConformanceSuite healthy = conformance(minimal, Kit.mkdirs(tmp.resolve("minimal")));
        try {
            healthy.missingCapabilitiesRaiseUnsupportedFeature();
        } finally {
            healthy.closeStores();
        }
        StoreFactory quietWatch = BrokenStores.wrap(minimal, s -> new ForwardingKvStore(s) {
            @Override
            public Watch watch(byte[] prefix, WatchListener listener) {
                return () -> { }; // lacks WATCH, yet pretends to register
            }
        });
        KvStoreConformanceSuite broken = conformance(quietWatch, Kit.mkdirs(tmp.resolve("quiet")));
        try {
            assertThat(catchThrowable(broken::missingCapabilitiesRaiseUnsupportedFeature)).isInstanceOf(AssertionError.class);
        } finally {
            broken.closeStores();
        }
    }
}
