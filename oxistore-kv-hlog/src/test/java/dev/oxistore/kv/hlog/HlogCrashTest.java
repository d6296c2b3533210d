package dev.oxistore.kv.hlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.crash.CrashHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 rounds against the HLOG engine through the {@code KvStore} adapter under
 * {@code Durability.SYNC}: every acknowledged write must survive (group-committed CPR
 * checkpoints) and batches must be all-or-nothing. {@value CrashHarness#DEFAULT_ROUNDS} rounds by
 * default, {@code 20 * N} with {@code -Doxistore.soak=N}. HLOG has no keyspaces, so the harness
 * keeps its batches in the default keyspace.
 */
class HlogCrashTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveSigkillAndBatchesStayWhole() {
        CrashHarness harness = CrashHarness.builder(EngineKind.HLOG).verifier(new HlogFactory()::open).build();
        CrashHarness.Result result = harness.run(dir);
        System.out.println("HLOG crash harness: " + result);
        assertThat(result.acknowledged()).as("commits acknowledged across all rounds").isPositive();
    }
}
