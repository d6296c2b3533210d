package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.lsm.log.Wal;
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

    /**
     * The edit reaches the manifest file but its fsync fails: the compaction must keep its output
     * tables (the edit naming them may be on disk), or the reopen finds its tables missing.
     */
    @Test
    void aFailedManifestFsyncInACompactionKeepsTheTablesTheEditNames() throws Exception {
        FaultyIo io = new FaultyIo(FaultyIo.Fault.FSYNC, p -> p.getFileName().toString().startsWith("MANIFEST-"),
                t -> t.startsWith("oxistore-lsm-compact"));
        checkFailureIsContained(io, "compaction");
    }

    /**
     * The manifest rewrite after an installed compaction fails: the compaction's outputs are live
     * by then and must stay open and on disk.
     */
    @Test
    void aFailedManifestRewriteAfterACompactionKeepsItsInstalledTables() throws Exception {
        FaultyIo io = new FaultyIo(FaultyIo.Fault.FSYNC, p -> p.getFileName().toString().equals("CURRENT.tmp"),
                t -> t.startsWith("oxistore-lsm-compact"));
        checkFailureIsContained(io, "manifest rewrite",
                LsmFactory.small(StoreConfig.builder().durability(Durability.SYNC)).engineOption("lsm.maxManifestSize", "1024").build());
    }

    /** After one failed fsync of the log no later sync may succeed: the lost pages would be acknowledged. */
    @Test
    void aFailedLogFsyncFailsEveryLaterSync() throws Exception {
        FaultyIo io = new FaultyIo(FaultyIo.Fault.FSYNC, p -> p.toString().endsWith(".log"), t -> true);
        io.remaining.set(1);
        try (StoreFiles files = StoreFiles.open(dir, io, false, true)) {
            Wal wal = new Wal(files, 1);
            try {
                long first = wal.append(new byte[] {1, 2, 3}, 3);
                assertThatThrownBy(() -> wal.sync(first)).isInstanceOf(java.io.IOException.class);
                long second = wal.append(new byte[] {4, 5, 6}, 3);
                assertThatThrownBy(() -> wal.sync(second)).as("a retry after a failed fsync")
                        .isInstanceOf(java.io.IOException.class).hasMessageContaining("earlier fsync");
                assertThatThrownBy(() -> wal.rotate(2)).isInstanceOf(java.io.IOException.class);
                assertThat(io.injected.get()).isEqualTo(1);
            } finally {
                wal.close();
            }
        }
    }

    private void checkFailureIsContained(FaultyIo io, String what) throws Exception {
        checkFailureIsContained(io, what, config());
    }

    private void checkFailureIsContained(FaultyIo io, String what, StoreConfig config) throws Exception {
        List<byte[]> acked = new ArrayList<>();
        StoreIOException reported = null;
        KvStore store = LsmStore.open(dir, config, io);
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
        try (KvStore reopened = new LsmEngine().open(dir, config)) {
            for (byte[] key : acked) {
                assertThat(reopened.get(key)).as("acknowledged %s after reopen", Bytes.utf8(key)).isNotNull();
            }
            assertThat(reopened.count()).isEqualTo(acked.size());
            assertThat(reopened.checkIntegrity().ok()).isTrue();
        }
    }
}
