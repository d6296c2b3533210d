package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WriteBatch;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared keyspace and batch checks: the order the contract fixes, and the batch counts. */
class KeyspaceChecksTest {

    private static final StoreConfig CONFIG = StoreConfig.builder().maxKeySize(4).maxValueSize(4).build();

    @Test
    void aClosedOwnerIsReportedBeforeABadArgument() {
        Lifecycle life = Lifecycle.root("closed", false);
        life.close();
        KeyspaceChecks checks = new KeyspaceChecks(CONFIG, life);
        assertThatThrownBy(() -> checks.beforeRead(null)).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> checks.beforeScan(null)).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> checks.beforePut(null, null)).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> checks.beforeMerge(null, null)).isInstanceOf(StoreClosedException.class);
    }

    @Test
    void aReadOnlyStoreRefusesWritesBeforeLookingAtArgumentsButStillReads() {
        KeyspaceChecks checks = new KeyspaceChecks(CONFIG, Lifecycle.root("closed", true));
        assertThatThrownBy(() -> checks.beforePut(null, null)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> checks.beforeWrite(null)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> checks.beforeExpire(null, null)).isInstanceOf(ReadOnlyStoreException.class);
        assertThatCode(() -> checks.beforeRead(new byte[] {1})).doesNotThrowAnyException();
    }

    @Test
    void argumentsAreCheckedAgainstTheLimits() {
        KeyspaceChecks checks = new KeyspaceChecks(CONFIG, Lifecycle.root("closed", false));
        assertThatThrownBy(() -> checks.beforeRead(new byte[5])).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> checks.beforePut(new byte[1], new byte[5])).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> checks.beforePut(new byte[1], new byte[1], Duration.ZERO))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> checks.beforeExpire(new byte[1], Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> checks.beforeScan(null)).isInstanceOf(InvalidArgumentException.class);
        // No merge operator configured: the merge is refused before its arguments are looked at.
        assertThatThrownBy(() -> checks.beforeMerge(null, null)).isInstanceOf(UnsupportedFeatureException.class);
    }

    @Test
    void aBatchIsCountedAsPutsAndMergesAgainstDeletesAndRecordedAsOneCommit() {
        WriteBatch batch = new WriteBatch().put(new byte[] {1}, new byte[] {1}).delete(new byte[] {2})
                .put(new byte[] {3}, new byte[] {3}, Duration.ofSeconds(1)).delete(new byte[] {4}).delete(new byte[] {5});
        BatchTally tally = BatchTally.check(batch, CONFIG);
        assertThat(tally).isEqualTo(new BatchTally(2, 3));
        MetricsRecorder metrics = new MetricsRecorder();
        tally.record(metrics);
        StoreMetrics m = metrics.snapshot();
        assertThat(m.writes()).isEqualTo(2);
        assertThat(m.deletes()).isEqualTo(3);
        assertThat(m.commits()).isEqualTo(1);
    }

    @Test
    void aBatchWithAnInvalidOperationIsRefusedWhole() {
        WriteBatch batch = new WriteBatch().put(new byte[] {1}, new byte[] {1}).put(new byte[] {2}, new byte[5]);
        assertThatThrownBy(() -> BatchTally.check(batch, CONFIG)).isInstanceOf(InvalidArgumentException.class);
        WriteBatch merge = new WriteBatch().merge(new byte[] {1}, new byte[] {1});
        assertThatThrownBy(() -> BatchTally.check(merge, CONFIG)).isInstanceOf(UnsupportedFeatureException.class);
    }
}
