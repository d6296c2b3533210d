package dev.oxistore.testkit;

import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-based property tests: seeded random sequences of operations run against the engine and
 * against a reference {@code TreeMap} model ({@link java.util.Arrays#compareUnsigned} order), checked
 * step by step. Sequences mix puts (with and without TTL), deletes, compare-and-set, int64Add
 * merges, batches, transactions (commit, rollback, forced conflicts), snapshots held across later
 * writes, scans over random ranges and prefixes in both directions, counts, clock moves,
 * {@code purgeExpired}, several keyspaces and drops, and, when {@link StoreFactory#persistent()},
 * close-and-reopen steps. Operations of capabilities the engine lacks are not generated.
 *
 * <p>By default the suite runs {@value #DEFAULT_SEQUENCES} sequences (20 to 100 steps each),
 * multiplied by {@code -Doxistore.soak=N}. Each run draws fresh seeds; a failing sequence is
 * shrunk by delta debugging (each candidate replayed on a fresh store in a fresh directory) and
 * reported with its seed, its shrunk steps and the command that replays it
 * ({@code -Doxistore.seed=S} runs exactly that sequence). Stores use {@code Durability.NONE}: a
 * clean close still flushes, and the suite is about semantics, not crash safety.
 */
public abstract class KvStoreModelSuite {

    /** Sequences per run of the whole suite before the soak multiplier. */
    public static final int DEFAULT_SEQUENCES = 1_000;

    /** A fresh directory per test; every sequence gets its own subdirectory. */
    @TempDir
    protected Path tempDir;

    /** The engine under test. */
    protected abstract StoreFactory factory();

    /**
     * Adds engine-specific options to every store the suite opens. Do not set the clock, the
     * merge operator or the durability: the suite sets them.
     */
    protected void configure(StoreConfig.Builder builder) {
    }

    @Test
    public void mixedOperations(TestInfo test) {
        check(OpGenerator.Profile.MIXED, 400, test);
    }

    @Test
    public void expiryAndTheClock(TestInfo test) {
        check(OpGenerator.Profile.EXPIRY, 200, test);
    }

    @Test
    public void batchesAndTransactions(TestInfo test) {
        check(OpGenerator.Profile.TRANSACTIONS, 200, test);
    }

    @Test
    public void snapshotsAndKeyspaces(TestInfo test) {
        check(OpGenerator.Profile.SNAPSHOTS, 200, test);
    }

    private void check(OpGenerator.Profile profile, int sequences, TestInfo test) {
        ModelChecker checker = new ModelChecker(factory(), this::configure, tempDir);
        long master = ThreadLocalRandom.current().nextLong();
        Optional<ModelChecker.Failure> failure = checker.check(profile, sequences * Kit.soak(), master, Kit.seedOverride());
        if (failure.isPresent()) {
            String hint = "-D" + Kit.SEED_PROPERTY + "={seed} -Dtest=" + getClass().getSimpleName() + "#"
                    + test.getTestMethod().map(m -> m.getName()).orElse("?");
            throw new AssertionError(failure.get().describe(hint), failure.get().failure().cause());
        }
    }
}
