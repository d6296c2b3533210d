package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.crash.CrashHarness;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kill -9 rounds against the LSM engine, under {@code SYNC} and under {@code FLUSH} (log records
 * written to the OS without fsync must survive a process kill too):
 * {@value CrashHarness#DEFAULT_ROUNDS} and {@value CrashHarness#DEFAULT_FLUSH_ROUNDS} rounds by
 * default, times {@code N} with {@code -Doxistore.soak=N} (200 and 90 under {@code -Psoak}). Tiny
 * memtables and tables make the child flush and compact all the time; the engine's phase trace
 * lets the harness aim each round's kill at a write-ahead log append, a flush or a compaction in
 * turn (flush and compaction pause before making their tables durable, so the kill lands inside
 * them), and the test checks each phase was hit.
 */
class LsmCrashTest {

    private static final Map<String, String> OPTIONS = Map.of(
            "lsm.memtableSize", "16384",
            "lsm.l0CompactionTrigger", "2",
            "lsm.targetFileSize", "16384",
            "lsm.levelBaseBytes", "65536");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "FLUSH"})
    void acknowledgedCommitsSurviveSigkillDuringLogAppendFlushAndCompaction(Durability durability) {
        CrashHarness.Builder b = CrashHarness.builder(EngineKind.LSM).durability(durability)
                .verifier(LsmCrashTest::verifierOpen)
                .engineOption("lsm.phaseTrace", "true").engineOption("lsm.phasePauseMillis", "150")
                .killDuring("wal", "flush", "compaction");
        OPTIONS.forEach(b::engineOption);
        CrashHarness.Result result = b.build().run(dir);
        System.out.println("LSM crash harness: " + result);
        assertThat(result.acknowledged()).as("commits acknowledged across all rounds").isPositive();
        assertThat(result.phaseKills()).as("kills per phase in %s", result)
                .hasEntrySatisfying("wal", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("flush", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("compaction", n -> assertThat(n).isPositive());
    }

    /** The parent opens with the same table sizes but without the trace (its output would only be noise). */
    private static KvStore verifierOpen(Path store, StoreConfig config) {
        StoreConfig.Builder b = StoreConfig.builder().readOnly(config.readOnly()).durability(config.durability());
        OPTIONS.forEach(b::engineOption);
        return new LsmEngine().open(store, b.build());
    }
}
