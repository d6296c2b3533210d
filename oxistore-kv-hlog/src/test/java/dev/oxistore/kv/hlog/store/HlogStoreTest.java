package dev.oxistore.kv.hlog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native session API: both paths, RMW, deletes, regions, pending reads from disk. */
class HlogStoreTest {

    @TempDir
    Path dir;

    private HlogStore small() {
        // 4 pages of 4 KiB in memory: anything beyond ~16 KiB of log lives on disk
        return HlogStore.open(HlogOptions.defaults(dir).withIndexBuckets(1 << 10).withMemory(12, 4));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void longOperationsUpdateInPlaceInTheMutableRegion() {
        try (HlogStore store = small(); Session s = store.newSession("a")) {
            assertThat(s.read(7)).isEqualTo(Status.NOT_FOUND);
            s.upsert(7, 70);
            assertThat(s.read(7)).isEqualTo(Status.OK);
            assertThat(s.value()).isEqualTo(70);
            long tail = store.stats().tailAddress();
            s.upsert(7, 71);
            assertThat(store.stats().tailAddress()).as("in place: nothing appended").isEqualTo(tail);
            assertThat(store.stats().inPlaceUpdates()).isEqualTo(1);
            assertThat(s.rmw(7, (v, present) -> v + 1)).isEqualTo(Status.OK);
            assertThat(s.get(7L)).isEqualTo(72L);
            assertThat(s.rmw(8, (v, present) -> present ? v + 1 : 100)).isEqualTo(Status.OK);
            assertThat(s.get(8L)).isEqualTo(100L);
            assertThat(s.delete(7)).isEqualTo(Status.OK);
            assertThat(s.read(7)).isEqualTo(Status.NOT_FOUND);
            assertThat(s.delete(123456)).isEqualTo(Status.NOT_FOUND);
            s.upsert(7, 5);
            assertThat(s.get(7L)).isEqualTo(5L);
            assertThat(s.serial()).isPositive();
        }
    }

    @Test
    void longReadsFallBackFromTheFastPathForOverflowBucketsAndTagCollisions() {
        // 2 main buckets for 4000 keys: most entries live in overflow buckets, and keys sharing a
        // 15-bit tag in a bucket share a chain, so reads leave the fast path (main bucket, first record)
        try (HlogStore store = HlogStore.open(HlogOptions.defaults(dir).withIndexBuckets(2).withMemory(16, 8));
             Session s = store.newSession("a")) {
            int n = 4000;
            for (long k = 0; k < n; k++) {
                s.upsert(k * 7919, k);
            }
            for (long k = 0; k < n; k += 2) {
                s.delete(k * 7919);
            }
            s.resume();
            for (long k = 0; k < n; k++) {
                if (k % 2 == 0) {
                    assertThat(s.read(k * 7919)).as("deleted key %d", k).isEqualTo(Status.NOT_FOUND);
                } else {
                    assertThat(s.read(k * 7919)).as("key %d", k).isEqualTo(Status.OK);
                    assertThat(s.value()).isEqualTo(k);
                }
            }
            assertThat(s.read(-1)).isEqualTo(Status.NOT_FOUND);
            s.suspend();
            assertThat(store.stats().indexOverflowBuckets()).isPositive();
            assertThat(store.stats().headAddress()).as("all in memory").isEqualTo(store.stats().beginAddress());
        }
    }

    @Test
    void longAndByteKeysOfEightBytesAreTheSameKey() {
        try (HlogStore store = small(); Session s = store.newSession()) {
            s.upsert(0x0102030405060708L, 42);
            assertThat(s.get(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).containsExactly(0, 0, 0, 0, 0, 0, 0, 42);
            s.upsert(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, b("longer value"));
            assertThat(s.get(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isEqualTo(b("longer value"));
            assertThatThrownBy(() -> s.read(0x0102030405060708L)).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void byteOperationsAppendAndReadBack() {
        try (HlogStore store = small(); Session s = store.newSession()) {
            s.upsert(b("k"), b("v1"));
            s.upsert(b("k"), b("v2"));
            assertThat(s.get(b("k"))).isEqualTo(b("v2"));
            s.rmw(b("k"), old -> (new String(old, StandardCharsets.UTF_8) + "+").getBytes(StandardCharsets.UTF_8));
            assertThat(s.get(b("k"))).isEqualTo(b("v2+"));
            s.rmw(b("fresh"), old -> old == null ? b("init") : b("wrong"));
            assertThat(s.get(b("fresh"))).isEqualTo(b("init"));
            s.delete(b("k"));
            assertThat(s.get(b("k"))).isNull();
            s.upsert(b("empty"), new byte[0]);
            assertThat(s.get(b("empty"))).isEmpty();
            assertThatThrownBy(() -> s.upsert(b("big"), new byte[8192])).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> s.upsert(new byte[0], b("v"))).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void readOnlyRecordsAreCopiedToTheTailOnUpdate() {
        try (HlogStore store = small(); Session s = store.newSession()) {
            s.upsert(1, 10);
            for (long k = 100; k < 600; k++) { // push record 1 out of the mutable region
                s.upsert(k, k);
            }
            assertThat(store.stats().readOnlyAddress()).isGreaterThan(dev.oxistore.kv.hlog.log.HybridLog.BEGIN);
            long tail = store.stats().tailAddress();
            s.upsert(1, 11);
            assertThat(store.stats().tailAddress()).as("RCU appends").isGreaterThan(tail);
            assertThat(s.get(1L)).isEqualTo(11L);
        }
    }

    @Test
    void largerThanMemoryEveryKeyReadsBack() {
        int keys = 20_000; // 20,000 records x 32 B = 640 KB of log vs a 16 KiB memory budget: 40x
        try (HlogStore store = small(); Session s = store.newSession()) {
            for (long k = 0; k < keys; k++) {
                s.upsert(k, k * 3);
            }
            HlogStats stats = store.stats();
            long logBytes = stats.tailAddress() - stats.beginAddress();
            assertThat(logBytes).isGreaterThanOrEqualTo(10 * stats.memoryBytes());
            assertThat(stats.headAddress()).as("most of the log is evicted").isGreaterThan(logBytes / 2);
            List<Long> missing = new ArrayList<>();
            List<Long> wrong = new ArrayList<>();
            s.setCompletion((key, status, value) -> {
                long k = dev.oxistore.kv.hlog.log.Records.bigEndian(key, 0);
                if (status != Status.OK) {
                    missing.add(k);
                } else if (dev.oxistore.kv.hlog.log.Records.bigEndian(value, 0) != k * 3) {
                    wrong.add(k);
                }
            });
            int pending = 0;
            for (long k = 0; k < keys; k++) {
                Status st = s.read(k);
                if (st == Status.PENDING) {
                    pending++;
                } else if (st != Status.OK) {
                    missing.add(k);
                } else if (s.value() != k * 3) {
                    wrong.add(k);
                }
                if (k % 256 == 0) {
                    s.completePending(false);
                }
            }
            assertThat(s.completePending(true)).isTrue();
            assertThat(pending).as("reads served from disk").isGreaterThan(keys / 2);
            assertThat(missing).isEmpty();
            assertThat(wrong).isEmpty();
            assertThat(store.stats().pendingCompleted()).isEqualTo(pending);
        }
    }

    @Test
    void batchReadsAnswerLikeSingleReadsInMemoryOnDiskAndOffTheFastPath() {
        // 2 main buckets (overflow buckets, shared chains) and 16 KiB of memory (most records on disk)
        int keys = 3000;
        try (HlogStore store = HlogStore.open(HlogOptions.defaults(dir).withIndexBuckets(2).withMemory(12, 4));
             Session s = store.newSession("a")) {
            for (long k = 0; k < keys; k++) {
                s.upsert(k, k * 3);
            }
            for (long k = keys - 1; k >= 0; k -= 5) {
                s.delete(k);
            }
            for (long k = keys - 200; k < keys; k++) {
                if ((keys - 1 - k) % 5 != 0) {
                    s.upsert(k, k * 3); // the newest records: live ones in memory among tombstones
                }
            }
            List<Long> completedOk = new ArrayList<>();
            List<Long> wrong = new ArrayList<>();
            s.setCompletion((key, status, value) -> {
                long k = dev.oxistore.kv.hlog.log.Records.bigEndian(key, 0);
                boolean live = k < keys && (keys - 1 - k) % 5 != 0;
                if (live && status == Status.OK && dev.oxistore.kv.hlog.log.Records.bigEndian(value, 0) == k * 3) {
                    completedOk.add(k);
                } else if (live || status == Status.OK) {
                    wrong.add(k);
                }
            });
            long[] batch = new long[Session.MAX_BATCH];
            long[] values = new long[Session.MAX_BATCH];
            Status[] statuses = new Status[Session.MAX_BATCH];
            int okInline = 0;
            int asked = 0;
            long serial = s.serial();
            long reads = store.stats().reads();
            s.resume();
            for (int next = 0, n = 1; next < keys + 100; next += n, n = (n + 6) % Session.MAX_BATCH + 1) { // 1..64 keys
                for (int i = 0; i < n; i++) {
                    batch[i] = next + i; // keys >= 3000 are absent
                }
                int found = s.read(batch, 0, n, values, statuses);
                asked += n;
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    long k = batch[i];
                    boolean live = k < keys && (keys - 1 - k) % 5 != 0;
                    if (statuses[i] == Status.OK) {
                        ok++;
                        assertThat(live).as("key %d read as present", k).isTrue();
                        assertThat(values[i]).as("value of key %d", k).isEqualTo(k * 3);
                    } else if (statuses[i] == Status.NOT_FOUND) {
                        assertThat(live).as("live key %d read as absent", k).isFalse();
                    } else {
                        assertThat(statuses[i]).isEqualTo(Status.PENDING);
                    }
                }
                assertThat(found).isEqualTo(ok);
                okInline += ok;
                s.completePending(false);
            }
            s.suspend();
            assertThat(s.completePending(true)).isTrue();
            assertThat(wrong).isEmpty();
            assertThat(okInline).as("found in memory").isPositive();
            assertThat(completedOk).as("found on disk").isNotEmpty();
            assertThat(okInline + completedOk.size()).as("every live key once").isEqualTo(keys - keys / 5);
            assertThat(s.serial() - serial).as("one serial per key").isEqualTo(asked);
            assertThat(store.stats().reads() - reads).isEqualTo(asked);
            assertThatThrownBy(() -> s.read(new long[65], 0, 65, new long[65], new Status[65]))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void futuresAndRmwCompleteFromDisk() {
        try (HlogStore store = small(); Session s = store.newSession()) {
            s.upsert(b("cold"), b("value"));
            s.upsert(5, 50);
            for (long k = 1000; k < 3000; k++) {
                s.upsert(k, k);
            }
            CompletableFuture<byte[]> f = s.readAsync(b("cold"));
            assertThat(f.join()).isEqualTo(b("value"));
            assertThat(s.readAsync(b("never")).join()).isNull();
            List<Status> done = new ArrayList<>();
            s.setCompletion((k, st, v) -> done.add(st));
            assertThat(s.rmw(5, (v, present) -> v + 1)).isEqualTo(Status.PENDING);
            s.completePending(true);
            assertThat(done).containsExactly(Status.OK);
            assertThat(s.get(5L)).isEqualTo(51L);
            assertThat(store.stats().pendingIssued()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void checkpointThenReopenRestoresTheData() {
        try (HlogStore store = small(); Session s = store.newSession("w")) {
            for (long k = 0; k < 3000; k++) {
                s.upsert(k, k + 1);
            }
            s.delete(17);
            s.upsert(b("var"), b("length"));
            HlogStore.Checkpoint cp = store.checkpoint();
            assertThat(cp.serials()).containsEntry("w", s.serial());
            assertThat(s.durableSerial()).isEqualTo(s.serial());
            s.upsert(5000, 1); // after the checkpoint: lost on reopen
        }
        try (HlogStore store = small(); Session s = store.continueSession("w")) {
            assertThat(store.recoveredSerial("w")).hasValue(3002L);
            assertThat(s.serial()).isEqualTo(3002);
            for (long k = 0; k < 3000; k++) {
                assertThat(s.get(k)).isEqualTo(k == 17 ? null : k + 1);
            }
            assertThat(s.get(b("var"))).isEqualTo(b("length"));
            assertThat(s.get(5000L)).isNull();
        }
    }
}
