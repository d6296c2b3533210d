package dev.oxistore.kv.hlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.crash.CrashHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill -9 rounds against the HLOG engine through the {@code KvStore} adapter, under
 * {@code Durability.SYNC} (group-committed fsynced CPR checkpoints) and {@code FLUSH} (the same
 * group commit onto checkpoints written to the OS without fsync): every acknowledged write must
 * survive and batches must be all-or-nothing. {@value CrashHarness#DEFAULT_ROUNDS} and
 * {@value CrashHarness#DEFAULT_FLUSH_ROUNDS} rounds by default, times {@code N} with
 * {@code -Doxistore.soak=N}. HLOG has no keyspaces, so the harness keeps its batches in the
 * default keyspace.
 */
class HlogCrashTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "FLUSH"})
    void acknowledgedCommitsSurviveSigkillAndBatchesStayWhole(Durability durability) {
        CrashHarness harness = CrashHarness.builder(EngineKind.HLOG).durability(durability)
                .verifier(new HlogFactory()::open).build();
        CrashHarness.Result result = harness.run(dir);
        System.out.println("HLOG crash harness: " + result);
        assertThat(result.acknowledged()).as("commits acknowledged across all rounds").isPositive();
    }
}
