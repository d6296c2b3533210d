package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code Durability.NONE} writers do not publish a view per write; the next reader does.
 * These check that every way of reading still sees each acknowledged write, and that
 * transactions still detect conflicts with such writes.
 */
class BtreeNoneVisibilityTest {

    @TempDir
    Path tmp;

    private KvStore open() {
        return new BtreeEngine().open(tmp.resolve("store"), StoreConfig.builder().durability(Durability.NONE).build());
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void everyReadSeesTheWriteBeforeIt() {
        try (KvStore s = open()) {
            for (int i = 0; i < 50; i++) {
                byte[] v = b("v" + i);
                s.put(b("k"), v);
                assertThat(s.get(b("k"))).isEqualTo(v);
                s.keyspace("ks" + i).put(b("k"), v);
                assertThat(s.keyspaces()).contains("ks" + i);
                assertThat(s.keyspace("ks" + i).count()).isEqualTo(1);
                s.put(b("k" + i), v);
                assertThat(s.getAll(List.of(b("k" + i)))).containsExactly(v);
                try (KvSnapshot snap = s.snapshot()) {
                    assertThat(snap.get(b("k" + i))).isEqualTo(v);
                }
                s.delete(b("k" + i));
                try (KvCursor c = s.scan(KeyRange.prefix(b("k")))) {
                    assertThat(c.stream().map(e -> new String(e.key(), java.nio.charset.StandardCharsets.UTF_8)))
                            .containsExactly("k");
                }
            }
        }
    }

    @Test
    void aTransactionStartsFromTheWritesBeforeIt() {
        try (KvStore s = open()) {
            s.put(b("k"), b("1"));
            try (KvTxn t = s.begin()) {
                assertThat(t.get(b("k"))).isEqualTo(b("1"));
                t.put(b("k"), b("2"));
                t.commit(); // no conflict: the write came before the transaction began
            }
            assertThat(s.get(b("k"))).isEqualTo(b("2"));
        }
    }

    @Test
    void aWriteDuringATransactionConflicts() {
        try (KvStore s = open()) {
            s.put(b("k"), b("1"));
            try (KvTxn t = s.begin()) {
                s.put(b("k"), b("2"));
                s.put(b("other"), b("x")); // no read between the writes: no view published for them
                t.put(b("k"), b("3"));
                assertThatThrownBy(t::commit).isInstanceOf(TxnConflictException.class);
            }
            assertThat(s.get(b("k"))).isEqualTo(b("2"));
        }
    }

    /** Transactional increments racing plain writes and readers: no increment is lost, nothing deadlocks. */
    @Test
    void concurrentIncrementsLoseNothing() throws InterruptedException {
        long seed = new Random().nextLong();
        int threads = 3;
        int increments = 200 * Integer.getInteger("oxistore.soak", 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KvStore s = open()) {
            s.put(b("counter"), ByteBuffer.allocate(8).putLong(0).array());
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < increments; i++) {
                            s.inTransaction(1000, txn -> {
                                long n = ByteBuffer.wrap(txn.get(b("counter"))).getLong();
                                txn.put(b("counter"), ByteBuffer.allocate(8).putLong(n + 1).array());
                                return null;
                            });
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            all.add(new Thread(() -> {
                try {
                    Random r = new Random(seed);
                    for (int i = 0; i < increments * threads; i++) {
                        s.put(b("noise" + r.nextInt(100)), b("v" + i));
                        if (r.nextInt(4) == 0) {
                            s.get(b("counter"));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
            all.forEach(Thread::start);
            for (Thread t : all) {
                t.join(120_000);
                assertThat(t.isAlive()).as("thread finished (seed %d)", seed).isFalse();
            }
            assertThat(failure.get()).as("seed %d", seed).isNull();
            assertThat(ByteBuffer.wrap(s.get(b("counter"))).getLong()).as("seed %d", seed).isEqualTo((long) threads * increments);
        }
    }
}
