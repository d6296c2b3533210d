package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.testkit.crash.CrashHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill -9 rounds against the BTREE engine, once under {@code SYNC} and once under {@code FLUSH}
 * (a commit written to the OS without fsync must survive a process kill too):
 * {@value CrashHarness#DEFAULT_ROUNDS} and {@value CrashHarness#DEFAULT_FLUSH_ROUNDS} rounds by
 * default, times {@code N} with {@code -Doxistore.soak=N} (200 and 90 with N = 10).
 */
class BtreeCrashTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "FLUSH"})
    void acknowledgedCommitsSurviveSigkillAndBatchesStayWhole(Durability durability) {
        CrashHarness harness = CrashHarness.builder(EngineKind.BTREE).durability(durability)
                .verifier(new BtreeFactory()::open).build();
        CrashHarness.Result result = harness.run(dir);
        System.out.println("BTREE crash harness: " + result);
        assertThat(result.acknowledged()).as("commits acknowledged across all rounds").isPositive();
    }
}
