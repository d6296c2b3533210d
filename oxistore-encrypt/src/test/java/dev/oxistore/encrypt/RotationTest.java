package dev.oxistore.encrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.ManualClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotation, re-keying (interrupted, resumed, concurrent with writers) and retirement. */
class RotationTest {

    private static final List<String> SPACES = List.of("default", "sessions");
    private final ManualClock clock = new ManualClock();
    private EncryptedKvStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private EncryptedKvStore open(KvStore inner) {
        store = EncryptedKvStore.wrap(inner, EncryptedStores.KEYRING);
        return store;
    }

    private EncryptedKvStore open() {
        return open(EncryptedStores.memory(StoreConfig.builder().clock(clock).mergeOperator(MergeOperator.int64Add()).build()));
    }

    /** {@code n} values per keyspace under version 1, every fifth with a ttl. */
    private void fill(int n) {
        for (String space : SPACES) {
            for (int i = 0; i < n; i++) {
                if (i % 5 == 0) {
                    store.keyspace(space).put(b("k" + i), b(space + i), Duration.ofMillis(100_500));
                } else {
                    store.keyspace(space).put(b("k" + i), b(space + i));
                }
            }
        }
    }

    private void assertAllReadable(int n) {
        for (String space : SPACES) {
            for (int i = 0; i < n; i++) {
                assertThat(store.keyspace(space).get(b("k" + i))).as("%s k%d", space, i).isEqualTo(b(space + i));
            }
            try (KvCursor c = store.keyspace(space).scan(KeyRange.all())) {
                assertThat(c.stream().count()).isEqualTo(n);
            }
        }
    }

    @Test
    void rotateRekeyRetire() {
        open();
        fill(50);
        assertThat(store.keyUsage()).isEqualTo(Map.of(1, 100L));
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        assertThat(store.primaryVersion()).isEqualTo(2);
        assertThat(store.keyVersions()).containsExactly(1, 2);
        store.keyspace("fresh").put(b("new"), b("under two"));
        assertThat(store.keyUsage()).isEqualTo(Map.of(1, 100L, 2, 1L));
        assertAllReadable(50);

        byte[] before = store.inner().get(b("k1"));
        RekeyResult result = store.rekey();
        assertThat(result).isEqualTo(new RekeyResult(101, 100, 1, 0, 2));
        byte[] after = store.inner().get(b("k1"));
        assertThat(Envelope.getInt(after, 2)).isEqualTo(2);
        int body = 6 + 24 + 48;
        assertThat(Arrays.copyOfRange(after, body, after.length)).as("the value's ciphertext is kept, only its key re-wrapped")
                .isEqualTo(Arrays.copyOfRange(before, body, before.length));
        assertThat(Arrays.copyOfRange(after, 6, body)).isNotEqualTo(Arrays.copyOfRange(before, 6, body));
        assertThat(store.keyUsage()).isEqualTo(Map.of(2, 101L));
        assertThat(store.rekey()).as("a second run has nothing to do").isEqualTo(new RekeyResult(101, 0, 101, 0, 2));
        assertThat(store.metrics().engine().get("encrypt.rewrapped")).isEqualTo(100);

        store.retire(1);
        assertThat(store.keyVersions()).containsExactly(2);
        assertAllReadable(50);
        byte[] record = store.inner().keyspace(KeyMetadata.KEYSPACE).get(KeyMetadata.recordKey(1));
        assertThat(record).as("retired: no check value, no material").containsExactly(1, 2, 1, 0);
        assertThatThrownBy(() -> store.rotate(1, KeySource.raw(EncryptedStores.KEY_1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("rotate to 3");
        // The retired version's record keeps it from ever coming back.
        assertThatThrownBy(() -> EncryptedKvStore.wrap(store.inner(), Keyring.builder()
                .add(1, KeySource.raw(EncryptedStores.KEY_1)).add(2, KeySource.raw(EncryptedStores.KEY_2)).build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("retired");
        assertThatThrownBy(() -> EncryptedKvStore.wrap(store.inner(), EncryptedStores.KEYRING))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("retired");
        EncryptedKvStore second = EncryptedKvStore.wrap(store.inner(), Keyring.of(2, KeySource.raw(EncryptedStores.KEY_2)));
        assertThat(second.get(b("k7"))).isEqualTo(b("default7"));
    }

    @Test
    void rekeyKeepsExpiry() {
        open();
        fill(10);
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        clock.advance(Duration.ofSeconds(50));
        store.rekey();
        assertThat(store.ttl(b("k0"))).hasValue(Duration.ofMillis(50_500));
        assertThat(store.ttl(b("k1"))).isEmpty();
        clock.advance(Duration.ofSeconds(51));
        assertThat(store.get(b("k0"))).isNull();
        assertThat(store.get(b("k1"))).isEqualTo(b("default1"));
    }

    @Test
    void retireRefusesWhileAnythingMayNeedTheVersion() {
        open();
        fill(20);
        assertThatThrownBy(() -> store.retire(1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("primary");
        assertThatThrownBy(() -> store.retire(9)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not in");
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        assertThatThrownBy(() -> store.retire(1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("40 values still use key version 1");
        KvSnapshot old = store.snapshot();
        store.rekey();
        assertThatThrownBy(() -> store.retire(1)).as("a snapshot from before still holds version-1 ciphertexts")
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("close them");
        assertThat(old.get(b("k3"))).isEqualTo(b("default3"));
        old.close();
        store.retire(1);
        assertAllReadable(20);
    }

    @Test
    void anInterruptedRekeyLeavesEverythingReadableAndResumes() {
        open();
        fill(100);
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        int chunk = 7;
        int chunksBeforeCrash = 5;
        RuntimeException crash = new IllegalStateException("simulated crash after " + chunksBeforeCrash + " chunks");
        assertThatThrownBy(() -> store.rekey(chunk, done -> {
            if (done >= (long) chunk * chunksBeforeCrash) {
                throw crash;
            }
        })).isSameAs(crash);
        assertThat(store.keyUsage()).as("exactly the committed chunks moved").isEqualTo(
                Map.of(1, 200L - chunk * chunksBeforeCrash, 2, (long) chunk * chunksBeforeCrash));
        assertAllReadable(100);
        assertThatThrownBy(() -> store.retire(1)).isInstanceOf(InvalidArgumentException.class);

        RekeyResult resumed = store.rekey();
        assertThat(resumed.rewrapped()).isEqualTo(200 - chunk * chunksBeforeCrash);
        assertThat(resumed.current()).isEqualTo(chunk * chunksBeforeCrash);
        store.retire(1);
        assertAllReadable(100);
        assertThat(store.ttl(b("k5"))).isPresent();
    }

    @Test
    void rekeyWithoutTransactionsUsesCompareAndSetAndLeavesExpiringValues() {
        open(new LimitedStore(EncryptedStores.memory(StoreConfig.builder().clock(clock).build()), Capability.TRANSACTIONS));
        fill(10);
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        RekeyResult result = store.rekey();
        assertThat(result.rewrapped()).isEqualTo(16);
        assertThat(result.skipped()).as("the values with a ttl").isEqualTo(4);
        assertThat(store.keyUsage()).isEqualTo(Map.of(1, 4L, 2, 16L));
        assertThat(store.ttl(b("k5"))).isPresent();
        assertAllReadable(10);
        clock.advance(Duration.ofSeconds(101));
        assertThat(store.keyUsage()).as("once they expire nothing uses version 1").isEqualTo(Map.of(2, 16L));
        store.retire(1);
    }

    /**
     * Writers put, compare-and-set, merge and delete while a re-key runs; afterwards every key holds
     * exactly what its writer last wrote, and one more re-key leaves nothing under version 1.
     */
    @Test
    void rekeyRacesWritersWithoutLosingAnything() throws Exception {
        open();
        int keys = 400;
        for (int i = 0; i < keys; i++) {
            store.put(b("c" + i), ByteBuffer.allocate(8).putLong(i).array());
        }
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        long seed = new Random().nextLong();
        int threads = 4;
        Map<Integer, byte[]> expected = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] writers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers[t] = pool.submit(() -> {
                    Random random = new Random(seed + id);
                    int rounds = 0;
                    while (!stop.get() || rounds < 200) {
                        int i = id + threads * random.nextInt(keys / threads); // each thread owns its keys
                        byte[] key = b("c" + i);
                        byte[] current = store.get(key);
                        switch (random.nextInt(4)) {
                            case 0 -> {
                                byte[] v = b("put-" + rounds);
                                store.put(key, v);
                                expected.put(i, v);
                            }
                            case 1 -> {
                                byte[] v = ByteBuffer.allocate(8).putLong(rounds).array();
                                if (!store.compareAndSet(key, current, v)) {
                                    throw new AssertionError("seed " + seed + ": CAS lost on a key only this thread writes");
                                }
                                expected.put(i, v);
                            }
                            case 2 -> {
                                if (current == null || current.length == 8) {
                                    store.merge(key, ByteBuffer.allocate(8).putLong(1).array());
                                    long base = current == null ? 0 : ByteBuffer.wrap(current).getLong();
                                    expected.put(i, ByteBuffer.allocate(8).putLong(base + 1).array());
                                }
                            }
                            default -> {
                                store.delete(key);
                                expected.put(i, new byte[0]);
                            }
                        }
                        rounds++;
                    }
                    return null;
                });
            }
            RekeyResult result = store.rekey();
            stop.set(true);
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            assertThat(result.primary()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < keys; i++) {
            byte[] want = expected.getOrDefault(i, ByteBuffer.allocate(8).putLong(i).array());
            assertThat(store.get(b("c" + i))).as("seed %d key c%d", seed, i).isEqualTo(want.length == 0 ? null : want);
        }
        store.rekey();
        assertThat(store.keyUsage()).containsOnlyKeys(2);
        store.retire(1);
        assertThat(store.checkIntegrity().ok()).isTrue();
    }

    @Test
    void rekeyAsyncRunsInTheBackground() throws Exception {
        open();
        fill(10);
        store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            RekeyResult result = store.rekeyAsync(background).get(60, TimeUnit.SECONDS);
            assertThat(result.rewrapped()).isEqualTo(20);
        } finally {
            background.shutdownNow();
        }
    }
}
