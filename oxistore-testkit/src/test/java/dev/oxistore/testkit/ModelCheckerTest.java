package dev.oxistore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.memory.MemoryStores;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model checker itself: generation, replay, and a shrinker that finds short failing sequences. */
class ModelCheckerTest {

    @TempDir
    Path tmp;

    private ModelChecker checker(UnaryOperator<KvStore> breaker) {
        return new ModelChecker(BrokenStores.wrap(MemoryStores.FACTORY, breaker), b -> { }, tmp);
    }

    private static final long MASTER = 20250101L;

    @Test
    void theSameSeedGeneratesTheSameSequence() {
        Set<Capability> all = EnumSet.allOf(Capability.class);
        for (OpGenerator.Profile p : OpGenerator.Profile.values()) {
            assertThat(new OpGenerator(99, p, all, true).sequence().toString())
                    .isEqualTo(new OpGenerator(99, p, all, true).sequence().toString());
        }
        assertThat(new OpGenerator(1, OpGenerator.Profile.MIXED, all, true).sequence().toString())
                .isNotEqualTo(new OpGenerator(2, OpGenerator.Profile.MIXED, all, true).sequence().toString());
    }

    @Test
    void generatedSequencesUseEveryKindOfStep() {
        Set<Class<?>> seen = new HashSet<>();
        for (OpGenerator.Profile p : OpGenerator.Profile.values()) {
            for (long seed = 0; seed < 50; seed++) {
                for (ModelOp op : new OpGenerator(seed, p, EnumSet.allOf(Capability.class), true).sequence()) {
                    seen.add(op.getClass());
                }
            }
        }
        assertThat(seen).containsAll(List.of(ModelOp.class.getPermittedSubclasses()));
    }

    @Test
    void stepsOfMissingCapabilitiesAreNotGenerated() {
        for (long seed = 0; seed < 50; seed++) {
            List<ModelOp> ops = new OpGenerator(seed, OpGenerator.Profile.MIXED, Set.of(), false).sequence();
            assertThat(ops).noneMatch(op -> op instanceof ModelOp.Txn || op instanceof ModelOp.Conflict
                    || op instanceof ModelOp.SnapshotOpen || op instanceof ModelOp.PutTtl || op instanceof ModelOp.Merge
                    || op instanceof ModelOp.Reopen || op instanceof ModelOp.Drop);
            assertThat(ops).allMatch(op -> ModelRunner.keyspaceName(op).equals(KvStore.DEFAULT_KEYSPACE));
        }
    }

    @Test
    void aHealthyEngineReplaysCleanly() {
        ModelChecker healthy = checker(s -> s);
        for (OpGenerator.Profile p : OpGenerator.Profile.values()) {
            assertThat(healthy.check(p, 20, MASTER, null)).isEmpty();
        }
    }

    @Test
    void aFailureIsShrunkToAShortSequenceThatStillFails() {
        ModelChecker broken = checker(BrokenStores::ignoresDeletesOfFfKeys);
        Optional<ModelChecker.Failure> found = broken.check(OpGenerator.Profile.MIXED, 400, MASTER, null);
        assertThat(found).as("a store that ignores deletes of 0xFF keys").isPresent();
        ModelChecker.Failure failure = found.get();

        assertThat(failure.shrunk()).as(failure.describe("{seed}")).hasSizeLessThanOrEqualTo(3).hasSizeLessThan(failure.original().size());
        assertThat(failure.shrunk()).anyMatch(op -> op instanceof ModelOp.Delete d && d.key()[0] == (byte) 0xFF);
        assertThat(failure.failure().cause()).isInstanceOf(AssertionError.class);
        assertThat(broken.replayFresh(failure.shrunk())).as("the shrunk sequence fails on its own").isPresent();
        assertThat(checker(s -> s).replayFresh(failure.shrunk())).as("and passes on a healthy store").isEmpty();

        String report = failure.describe("-Doxistore.seed={seed}");
        assertThat(report).contains("seed " + failure.seed()).contains("-Doxistore.seed=" + failure.seed())
                .contains("shrunk to " + failure.shrunk().size()).contains(failure.shrunk().getFirst().toString());
    }

    @Test
    void aPrintedSeedReplaysTheSameFailure() {
        ModelChecker broken = checker(BrokenStores::ignoresDeletesOfFfKeys);
        ModelChecker.Failure first = broken.check(OpGenerator.Profile.MIXED, 400, MASTER, null).orElseThrow();
        ModelChecker.Failure replayed = broken.check(OpGenerator.Profile.MIXED, 400, 12345L, first.seed()).orElseThrow();
        assertThat(replayed.seed()).isEqualTo(first.seed());
        assertThat(replayed.original().toString()).isEqualTo(first.original().toString());
        assertThat(replayed.shrunk().toString()).isEqualTo(first.shrunk().toString());
        assertThat(replayed.kind()).isEqualTo(EngineKind.MEMORY);
    }

    private void assertCaught(UnaryOperator<KvStore> breaker, OpGenerator.Profile profile) {
        Optional<ModelChecker.Failure> failure = checker(breaker).check(profile, 400, MASTER, null);
        assertThat(failure).as("the model checker catches the breakage").isPresent();
        assertThat(failure.get().shrunk()).as(failure.get().describe("{seed}")).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void catchesScansThatReturnExpiredKeys() {
        assertCaught(BrokenStores::scansShowExpired, OpGenerator.Profile.EXPIRY);
    }

    @Test
    void catchesSnapshotsThatSeeLaterWrites() {
        assertCaught(BrokenStores::snapshotsSeeLaterWrites, OpGenerator.Profile.SNAPSHOTS);
    }

    @Test
    void catchesSignedKeyOrder() {
        assertCaught(BrokenStores::signedScanOrder, OpGenerator.Profile.MIXED);
    }

    @Test
    void catchesSwallowedConflicts() {
        assertCaught(BrokenStores::swallowsConflicts, OpGenerator.Profile.TRANSACTIONS);
    }
}
