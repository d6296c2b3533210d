package dev.oxistore.kv.hlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A byte RMW copies its key's record to the tail, while the {@code long} path updates 8-byte values
 * in place: an in-place update that lands between the copy's read and its append must not be lost.
 * The byte RMW seals the record first (the long path then appends) and waits for the updates
 * already in flight.
 */
class MixedPathRmwTest {

    private static final long KEY = 42;
    private static final byte[] KEY_BYTES = ByteBuffer.allocate(8).putLong(KEY).array();

    @TempDir
    Path dir;

    private HlogStore store() {
        // 8 MiB of log in memory: every record stays in the mutable region
        return HlogStore.open(HlogOptions.defaults(dir).withIndexBuckets(1 << 10).withMemory(20, 8));
    }

    /** A 9-byte value (so a byte RMW always appends) carrying {@code counter} in its last 8 bytes. */
    private static byte[] marked(long counter) {
        return ByteBuffer.allocate(9).put((byte) 0x7F).putLong(counter).array();
    }

    /** The counter of an 8-byte or marked value; -1 when absent. */
    private static long counter(byte[] v) {
        return v == null ? -1 : ByteBuffer.wrap(v, v.length - 8, 8).getLong();
    }

    /**
     * Runs a byte RMW of {@link #KEY} whose function, on its first call only, lets another session
     * on another thread do {@code racer} on the key and waits for it to return: the race made certain.
     * Returns the counter each call of the function saw.
     */
    private static long[] rmwRacedBy(HlogStore store, Consumer<Session> racer) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        long[] seen = new long[2];
        try (Session r = store.newSession("rmw"); Session u = store.newSession("long")) {
            Status st = r.rmw(KEY_BYTES, old -> {
                int call = calls.getAndIncrement();
                if (call < 2) {
                    seen[call] = counter(old);
                }
                if (call == 0) {
                    CompletableFuture.runAsync(() -> racer.accept(u)).join();
                }
                return marked(Math.max(0, counter(old)));
            });
            assertThat(st).isEqualTo(Status.OK);
        }
        assertThat(calls.get()).as("the RMW saw the racing update and ran its function again").isEqualTo(2);
        return seen;
    }

    @Test
    void anInPlaceUpsertDuringAByteRmwIsNotLost() throws Exception {
        try (HlogStore store = store(); Session s = store.newSession("setup")) {
            s.upsert(KEY, 1);
            long[] seen = rmwRacedBy(store, u -> u.upsert(KEY, 2));
            assertThat(seen).containsExactly(1, 2);
            assertThat(counter(s.get(KEY_BYTES))).as("the RMW is applied after the upsert it raced").isEqualTo(2);
            assertThat(s.get(KEY_BYTES)).hasSize(9);
        }
    }

    @Test
    void anInPlaceLongRmwDuringAByteRmwIsNotLost() throws Exception {
        try (HlogStore store = store(); Session s = store.newSession("setup")) {
            s.upsert(KEY, 10);
            long[] seen = rmwRacedBy(store, u -> u.rmw(KEY, (v, present) -> v + 5));
            assertThat(seen).containsExactly(10, 15);
            assertThat(counter(s.get(KEY_BYTES))).isEqualTo(15);
        }
    }

    @Test
    void anInPlaceDeleteDuringAByteRmwIsNotLost() throws Exception {
        try (HlogStore store = store(); Session s = store.newSession("setup")) {
            s.upsert(KEY, 7);
            long[] seen = rmwRacedBy(store, u -> assertThat(u.delete(KEY)).isEqualTo(Status.OK));
            assertThat(seen).as("the second call sees the key deleted").containsExactly(7, -1);
            assertThat(counter(s.get(KEY_BYTES))).isEqualTo(0);
        }
    }

    @Test
    void aSealedRecordIsUpdatedByAppending() throws Exception {
        try (HlogStore store = store(); Session s = store.newSession("setup")) {
            s.upsert(KEY, 1);
            rmwRacedBy(store, u -> u.upsert(KEY, 2)); // the upsert found the record sealed
            HlogStats st = store.stats();
            assertThat(st.inPlaceUpdates()).as("the racing upsert appended instead of writing in place").isZero();
            s.upsert(KEY, 3); // the RMW's 9-byte record is the head now: appended as well
            s.upsert(KEY, 4); // and this one is in place again, on the long record just appended
            assertThat(store.stats().inPlaceUpdates()).isEqualTo(1);
            assertThat(s.get(KEY)).isEqualTo(4L);
        }
    }

    /**
     * Long upserts of 1, 2, 3, ... race byte RMWs that rewrite the value as a 9-byte one keeping the
     * counter: after upsert(i) returns, the counter is never below i (a lost update would bring back
     * an older one), and at the end it is the last upsert's.
     */
    @Test
    void racingUpsertsAndByteRmwsNeverGoBack() throws Exception {
        int n = 100_000;
        try (HlogStore store = store()) {
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Integer> rmws = CompletableFuture.supplyAsync(() -> {
                int count = 0;
                try (Session r = store.newSession("rmw")) {
                    while (!done.get()) {
                        r.rmw(KEY_BYTES, old -> marked(Math.max(0, counter(old))));
                        count++;
                    }
                }
                return count;
            });
            try (Session u = store.newSession("long")) {
                for (long i = 1; i <= n; i++) {
                    u.upsert(KEY, i);
                    long c = counter(u.get(KEY_BYTES));
                    if (c < i) {
                        done.set(true);
                        assertThat(c).as("counter after upsert(%d)", i).isGreaterThanOrEqualTo(i);
                    }
                }
            } finally {
                done.set(true);
            }
            assertThat(rmws.get()).isPositive();
            try (Session s = store.newSession("check")) {
                assertThat(counter(s.get(KEY_BYTES))).isEqualTo(n);
            }
        }
    }
}
