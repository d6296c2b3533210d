package dev.oxistore.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import org.junit.jupiter.api.Test;

/**
 * The harness's durability choice: {@code SYNC} unless asked, {@code FLUSH} with its own (smaller)
 * default round count, {@code NONE} refused. The kill -9 runs themselves are in the engine
 * modules (they need a persistent engine on the class path).
 */
class CrashHarnessBuilderTest {

    private static final int SOAK = Integer.getInteger("oxistore.soak", 1);

    @Test
    void syncIsTheDefaultWithItsRounds() {
        assertThat(CrashHarness.builder(EngineKind.BTREE).seed(1).build())
                .hasToString("CrashHarness[BTREE, SYNC, rounds=" + CrashHarness.DEFAULT_ROUNDS * SOAK + ", seed=1, options={}]");
    }

    @Test
    void flushRunsItsOwnDefaultRoundsAndExplicitRoundsWin() {
        int rounds = CrashHarness.DEFAULT_FLUSH_ROUNDS * SOAK;
        assertThat(CrashHarness.builder(EngineKind.LSM).durability(Durability.FLUSH).seed(2).build())
                .hasToString("CrashHarness[LSM, FLUSH, rounds=" + rounds + ", seed=2, options={}]");
        assertThat(CrashHarness.builder(EngineKind.LSM).durability(Durability.FLUSH).rounds(3).seed(2).build())
                .hasToString("CrashHarness[LSM, FLUSH, rounds=3, seed=2, options={}]");
    }

    @Test
    void noneIsRefusedBecauseItPromisesNothing() {
        assertThatThrownBy(() -> CrashHarness.builder(EngineKind.HLOG).durability(Durability.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NONE").hasMessageContaining("SYNC or FLUSH");
        assertThatThrownBy(() -> CrashHarness.builder(EngineKind.HLOG).durability(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("durability");
    }
}
