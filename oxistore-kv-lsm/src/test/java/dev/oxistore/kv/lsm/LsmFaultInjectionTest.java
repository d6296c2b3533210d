package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Background I/O failures: an fsync that fails while a flush makes its table durable, and a disk
 * that fills up while a compaction writes its output. In both the writer gets the error (a
 * {@link StoreIOException}), the store stays readable with every acknowledged write, and a
 * reopen on a healthy disk finds every acknowledged write.
 */
class LsmFaultInjectionTest {

    @TempDir
    Path dir;

    private static StoreConfig config() {
        return LsmFactory.small(StoreConfig.builder().durability(Durability.SYNC)).build();
    }

    @Test
    void anFsyncFailureDuringFlushIsReportedAndLosesNoAcknowledgedWrite() throws Exception {
        FaultyIo io = new FaultyIo(FaultyIo.Fault.FSYNC, p -> p.toString().endsWith(".sst.tmp"), t -> true);
        checkFailureIsContained(io, "flush");
    }

    @Test
    void aFullDiskDuringCompactionIsReportedAndLosesNoAcknowledgedWrite() throws Exception {
        FaultyIo io = new FaultyIo(FaultyIo.Fault.DISK_FULL, p -> p.toString().endsWith(".sst.tmp"),
                t -> t.startsWith("oxistore-lsm-compact"));
        checkFailureIsContained(io, "compaction");
    }

    private void checkFailureIsContained(FaultyIo io, String what) throws Exception {
        List<byte[]> acked = new ArrayList<>();
        StoreIOException reported = null;
        KvStore store = LsmStore.open(dir, config(), io);
        try {
            for (int i = 0; i < 200_000 && reported == null; i++) {
                byte[] key = Bytes.utf8(String.format("key-%08d", i));
                try {
                    store.put(key, Bytes.utf8("value-" + i + "-" + "x".repeat(40)));
                    acked.add(key);
                } catch (StoreIOException e) {
                    reported = e;
                }
            }
            assertThat(io.injected.get()).as("faults injected into the " + what).isPositive();
            assertThat(reported).as("the writer is told about the failed " + what).isNotNull();
            assertThat(reported.getMessage()).contains(what);
            for (byte[] key : acked) {
                assertThat(store.get(key)).as("acknowledged %s readable after the failure", Bytes.utf8(key)).isNotNull();
            }
            assertThat(store.count()).isEqualTo(acked.size());
        } finally {
            store.close();
        }
        try (KvStore reopened = new LsmEngine().open(dir, config())) {
            for (byte[] key : acked) {
                assertThat(reopened.get(key)).as("acknowledged %s after reopen", Bytes.utf8(key)).isNotNull();
            }
            assertThat(reopened.count()).isEqualTo(acked.size());
            assertThat(reopened.checkIntegrity().ok()).isTrue();
        }
    }
}
