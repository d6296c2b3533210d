package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.crash.CrashHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 rounds against the BTREE engine: {@value CrashHarness#DEFAULT_ROUNDS} by default,
 * {@code 20 * N} with {@code -Doxistore.soak=N} (200 with N = 10).
 */
class BtreeCrashTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveSigkillAndBatchesStayWhole() {
        CrashHarness harness = CrashHarness.builder(EngineKind.BTREE).verifier(new BtreeFactory()::open).build();
        CrashHarness.Result result = harness.run(dir);
        System.out.println("BTREE crash harness: " + result);
        assertThat(result.acknowledged()).as("commits acknowledged across all rounds").isPositive();
    }
}
