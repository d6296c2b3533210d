package dev.oxistore.encrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Changed stored bytes never come back as plaintext: a flipped bit anywhere (header, nonce,
 * wrapped key, ciphertext, tags), a truncation or extension, a value moved to another key or
 * keyspace, a value spliced from two others, or the wrong key each raise a specific exception on
 * every read path.
 */
class TamperTest {

    private static final byte[] KEY = b("user:42:token");
    private static final byte[] SECRET = b("the session token 3f9a0c7e, keep it safe");

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

    private EncryptedKvStore open(Algorithm algorithm) {
        store = EncryptedKvStore.wrap(EncryptedStores.memory(StoreConfig.defaults()), EncryptedStores.KEYRING, algorithm);
        store.put(KEY, SECRET);
        return store;
    }

    /** Puts {@code stored} as the raw value of {@link #KEY} and checks every read path refuses it. */
    private void assertRefused(byte[] stored, String what) {
        store.inner().put(KEY, stored);
        List<Runnable> reads = List.of(
                () -> store.get(KEY),
                () -> store.getAll(List.of(b("other"), KEY)),
                () -> {
                    try (KvCursor c = store.scan(KeyRange.all())) {
                        c.next();
                    }
                },
                () -> {
                    try (KvSnapshot s = store.snapshot()) {
                        s.get(KEY);
                    }
                },
                () -> {
                    try (KvTxn t = store.begin()) {
                        t.get(KEY);
                    }
                },
                () -> store.compareAndSet(KEY, SECRET, b("replacement")));
        for (int i = 0; i < reads.size(); i++) {
            Throwable thrown = catchThrowable(reads.get(i)::run);
            assertThat(thrown).as("%s, read path %d", what, i).isInstanceOf(CorruptionException.class);
            assertThat(thrown.getMessage()).as("%s: names the key, never the value", what)
                    .contains(Bytes.hex(KEY)).doesNotContain("3f9a0c7e");
        }
        assertThat(store.inner().get(KEY)).as("a refused compare-and-set leaves the bytes").isEqualTo(stored);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everySingleBitFlipIsRefused(Algorithm algorithm) {
        open(algorithm);
        byte[] sealed = store.inner().get(KEY);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] changed = sealed.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            store.inner().put(KEY, changed);
            int at = bit;
            assertThatThrownBy(() -> store.get(KEY)).as("bit %d (byte %d of %d)", at, at / 8, sealed.length)
                    .isInstanceOf(CorruptionException.class);
        }
        store.inner().put(KEY, sealed);
        assertThat(store.get(KEY)).as("the untouched bytes still open").isEqualTo(SECRET);
        assertThat(store.metrics().engine().get("encrypt.authFailures")).isEqualTo(sealed.length * 8L);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void eachRegionIsRefusedOnEveryReadPath(Algorithm algorithm) {
        open(algorithm);
        byte[] sealed = store.inner().get(KEY);
        int n = algorithm.wrap().nonceSize();
        int[][] regions = {
                {0, 1}, {1, 1}, {2, 4},                          // format, algorithm, key version
                {6, n},                                          // wrap nonce
                {6 + n, 32}, {6 + n + 32, 16},                   // wrapped data key, its tag
                {6 + n + 48, SECRET.length},                     // value ciphertext
                {sealed.length - 16, 16}};                       // value tag
        String[] names = {"format", "algorithm", "key version", "wrap nonce", "wrapped key", "wrap tag", "ciphertext", "tag"};
        for (int r = 0; r < regions.length; r++) {
            for (int i : new int[] {regions[r][0], regions[r][0] + regions[r][1] - 1}) {
                byte[] changed = sealed.clone();
                changed[i] ^= (byte) 0x80;
                assertRefused(changed, names[r] + " byte " + i);
            }
        }
    }

    @Test
    void truncatedAndExtendedValuesAreRefused() {
        open(Algorithm.XCHACHA20_POLY1305);
        byte[] sealed = store.inner().get(KEY);
        for (int length = 0; length < sealed.length; length++) {
            byte[] cut = Arrays.copyOf(sealed, length);
            store.inner().put(KEY, cut);
            int at = length;
            assertThatThrownBy(() -> store.get(KEY)).as("truncated to %d", at).isInstanceOf(CorruptionException.class);
        }
        assertRefused(Arrays.copyOf(sealed, sealed.length + 1), "one byte appended");
        assertRefused(new byte[0], "empty");
        assertRefused(SECRET, "plaintext written around the decorator");
    }

    @Test
    void aValueMovedToAnotherKeyOrKeyspaceIsRefused() {
        open(Algorithm.XCHACHA20_POLY1305);
        byte[] sealed = store.inner().get(KEY);
        store.inner().put(b("user:43:token"), sealed);
        assertThatThrownBy(() -> store.get(b("user:43:token"))).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("moved from another key");
        store.inner().keyspace("sessions").put(KEY, sealed);
        assertThatThrownBy(() -> store.keyspace("sessions").get(KEY)).isInstanceOf(CorruptionException.class);
        // And the keyspace name is length-prefixed: "ab"+"c" and "a"+"bc" are different places.
        store.keyspace("ab").put(b("cd"), SECRET);
        store.inner().keyspace("a").put(b("bcd"), store.inner().keyspace("ab").get(b("cd")));
        assertThatThrownBy(() -> store.keyspace("a").get(b("bcd"))).isInstanceOf(CorruptionException.class);
        assertThat(store.get(KEY)).isEqualTo(SECRET);
    }

    @Test
    void aValueSplicedFromTwoOthersIsRefused() {
        open(Algorithm.XCHACHA20_POLY1305);
        byte[] first = store.inner().get(KEY);
        store.put(KEY, b("another value of the same size as the secret!!"));
        byte[] second = store.inner().get(KEY);
        int body = 6 + 24 + 48;
        byte[] spliced = Arrays.copyOf(first, body + second.length - body);
        System.arraycopy(second, body, spliced, body, second.length - body);
        assertRefused(spliced, "wrapped key of one value, ciphertext of another");
    }

    @Test
    void anUnknownKeyVersionSaysWhichVersionIsMissing() {
        open(Algorithm.XCHACHA20_POLY1305);
        byte[] sealed = store.inner().get(KEY);
        Envelope.putInt(sealed, 2, 7);
        store.inner().put(KEY, sealed);
        assertThatThrownBy(() -> store.get(KEY)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("key version 7").hasMessageContaining("keyring lacks");
    }

    @Test
    void aWrongKeyIsCaughtAtOpenAndNeverYieldsPlaintext() {
        KvStore inner = EncryptedStores.memory(StoreConfig.defaults());
        store = EncryptedKvStore.wrap(inner, EncryptedStores.KEYRING);
        store.put(KEY, SECRET);
        Keyring wrong = Keyring.of(1, KeySource.raw(EncryptedStores.KEY_2));
        assertThatThrownBy(() -> EncryptedKvStore.wrap(inner, wrong)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("key check value");
        // Without the key record (lost or deleted), the wrong key is only found by reading: still refused.
        inner.keyspace(KeyMetadata.KEYSPACE).delete(KeyMetadata.recordKey(1));
        EncryptedKvStore wrongStore = EncryptedKvStore.wrap(inner, wrong);
        assertThatThrownBy(() -> wrongStore.get(KEY)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("is not the one it was sealed with");
        assertThat(store.get(KEY)).isEqualTo(SECRET);
    }

    @Test
    void checkIntegrityReportsEveryTamperedValue() {
        open(Algorithm.XCHACHA20_POLY1305);
        store.put(b("fine"), b("v"));
        store.keyspace("other").put(b("bad"), b("v"));
        assertThat(store.checkIntegrity().ok()).isTrue();
        byte[] sealed = store.inner().get(KEY);
        sealed[sealed.length - 1] ^= 1;
        store.inner().put(KEY, sealed);
        store.inner().keyspace("other").put(b("bad"), Arrays.copyOf(sealed, 10));
        var report = store.checkIntegrity();
        assertThat(report.problems()).hasSize(2);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains(Bytes.hex(KEY)));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("'other'").contains(Bytes.hex(b("bad"))));
    }

    @Test
    void aWatcherNeverSeesATamperedValueAndKeepsReceiving() throws InterruptedException {
        open(Algorithm.XCHACHA20_POLY1305);
        BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
        try (Watch _ = store.watch(new byte[0], events::add)) {
            byte[] sealed = store.inner().get(KEY);
            sealed[40] ^= 1;
            store.inner().put(KEY, sealed);
            store.put(b("after"), b("fine"));
            WatchEvent e = events.poll(60, TimeUnit.SECONDS);
            assertThat(e).isEqualTo(new WatchEvent("default", b("after"), b("fine"), WatchEvent.Type.PUT));
        }
    }
}
