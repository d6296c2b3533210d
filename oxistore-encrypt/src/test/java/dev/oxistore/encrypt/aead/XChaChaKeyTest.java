package dev.oxistore.encrypt.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * {@link XChaChaKey}: its output is XChaCha20-Poly1305 under the nonce it prints, its nonces are a
 * prefix and a counter that never repeat (across threads and prefix rollovers), subkeys of old and
 * foreign prefixes still open, and tampering fails.
 */
class XChaChaKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] nonce(byte[] sealed) {
        return Arrays.copyOf(sealed, XChaChaKey.NONCE_SIZE);
    }

    private static String prefix(byte[] sealed) {
        return HEX.formatHex(sealed, 0, 16);
    }

    private static long counter(byte[] sealed) {
        return ByteBuffer.wrap(sealed, 16, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void outputIsTheStatelessAeadUnderThePrintedNonce() {
        Random random = new Random(1);
        for (int length : new int[] {0, 1, 32, 63, 64, 65, 1024, 5000}) {
            byte[] key = AeadTest.bytes(random, 32);
            byte[] plaintext = AeadTest.bytes(random, length);
            byte[] aad = AeadTest.bytes(random, length % 30);
            XChaChaKey k = XChaChaKey.of(key);
            byte[] sealed = k.seal(plaintext, aad);
            assertThat(sealed).hasSize(length + XChaChaKey.OVERHEAD);
            byte[] body = Arrays.copyOfRange(sealed, 24, sealed.length);
            assertThat(body).as("length %d", length).isEqualTo(Aead.XCHACHA20_POLY1305.seal(key, nonce(sealed), plaintext, aad));
            assertThat(Aead.XCHACHA20_POLY1305.open(key, nonce(sealed), body, aad)).isEqualTo(plaintext);
            assertThat(k.open(sealed, aad)).isEqualTo(plaintext);
        }
    }

    @Test
    void theOffsetFormsWriteAndReadAtTheirOffsets() {
        Random random = new Random(2);
        byte[] key = AeadTest.bytes(random, 32);
        byte[] in = AeadTest.bytes(random, 100);
        byte[] aad = AeadTest.bytes(random, 20);
        XChaChaKey k = XChaChaKey.of(key);
        byte[] out = new byte[7 + 50 + XChaChaKey.OVERHEAD + 3];
        assertThat(k.seal(in, 10, 50, aad, 5, 10, out, 7)).isEqualTo(50 + XChaChaKey.OVERHEAD);
        assertThat(out).startsWith(new byte[7]).endsWith(new byte[3]);
        assertThat(k.open(out, 7, 50 + XChaChaKey.OVERHEAD, aad, 5, 10)).isEqualTo(Arrays.copyOfRange(in, 10, 60));
        assertThatThrownBy(() -> k.open(out, 7, 50 + XChaChaKey.OVERHEAD, aad, 6, 10)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void noncesAreOnePrefixAndACounterThatNeverRepeats() {
        XChaChaKey k = XChaChaKey.of(new byte[32]);
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] sealed = k.seal(new byte[1], null);
            prefixes.add(prefix(sealed));
            assertThat(counter(sealed)).isEqualTo(i);
        }
        assertThat(prefixes).hasSize(1);
        // Another key object (another session) draws another prefix.
        assertThat(prefix(XChaChaKey.of(new byte[32]).seal(new byte[1], null))).isNotIn(prefixes);
    }

    @Test
    void thePrefixRollsOverAtTheLimitAndOldPrefixesStillOpen() {
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        XChaChaKey k = new XChaChaKey(key, new SecureRandom(), 3);
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] s = k.seal(new byte[] {(byte) i}, null);
            assertThat(counter(s)).as("seal %d", i).isEqualTo(i % 3);
            sealed.add(s);
        }
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 30; i += 3) {
            String p = prefix(sealed.get(i));
            assertThat(prefix(sealed.get(i + 1))).isEqualTo(p);
            assertThat(prefix(sealed.get(i + 2))).isEqualTo(p);
            prefixes.add(p);
        }
        assertThat(prefixes).as("a new prefix every 3 seals").hasSize(10);
        for (int i = 0; i < 30; i++) {
            assertThat(k.open(sealed.get(i), null)).containsExactly((byte) i);
        }
    }

    @Test
    void concurrentSealsAcrossRolloversNeverRepeatANonce() throws InterruptedException {
        XChaChaKey k = new XChaChaKey(new byte[32], new SecureRandom(), 7);
        ConcurrentLinkedQueue<byte[]> all = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    all.add(k.seal(new byte[8], null));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        Set<String> nonces = new HashSet<>();
        Map<String, Integer> perPrefix = new HashMap<>();
        for (byte[] s : all) {
            nonces.add(HEX.formatHex(nonce(s)));
            perPrefix.merge(prefix(s), 1, Integer::sum);
            assertThat(counter(s)).isBetween(0L, 6L);
            assertThat(k.open(s, null)).hasSize(8);
        }
        assertThat(nonces).as("every nonce unique").hasSize(2000);
        assertThat(perPrefix.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(7));
    }

    @Test
    void opensWhatAnotherKeyObjectOfTheSameKeySealed() {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] sealed = XChaChaKey.of(key).seal("earlier session".getBytes(), null);
        XChaChaKey now = XChaChaKey.of(key);
        now.seal(new byte[4], null); // has a current prefix of its own
        assertThat(now.open(sealed, null)).isEqualTo("earlier session".getBytes());
        assertThat(now.open(sealed, null)).as("again, from the cache").isEqualTo("earlier session".getBytes());
        assertThatThrownBy(() -> XChaChaKey.of(new byte[32]).open(sealed, null)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void everyBitFlipFailsAndLeavesTheKeyWorking() {
        byte[] key = new byte[32];
        new Random(4).nextBytes(key);
        XChaChaKey k = XChaChaKey.of(key);
        byte[] aad = {1, 2, 3};
        byte[] sealed = k.seal(new byte[20], aad);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] bad = sealed.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> k.open(bad, aad)).as("bit %d", bit).isInstanceOf(CorruptionException.class);
        }
        assertThatThrownBy(() -> k.open(sealed, new byte[] {1, 2})).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> k.open(Arrays.copyOf(sealed, XChaChaKey.OVERHEAD - 1), aad))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("truncated");
        assertThat(k.open(sealed, aad)).isEqualTo(new byte[20]);
        assertThat(k.open(k.seal(new byte[3], aad), aad)).hasSize(3);
    }

    @Test
    void wipeZeroesTheKeyAndCachedSubkeys() {
        XChaChaKey k = XChaChaKey.of(new byte[32]);
        byte[] sealed = k.seal(new byte[16], null);
        k.wipe();
        XChaChaKey other = XChaChaKey.of(AeadTest.bytes(new Random(5), 32));
        byte[] otherSealed = other.seal(new byte[16], null);
        other.wipe();
        assertThatThrownBy(() -> other.open(otherSealed, null)).isInstanceOf(CorruptionException.class);
        // The all-zero key stays the all-zero key, but its cached subkey was zeroed too.
        assertThatThrownBy(() -> k.open(sealed, null)).isInstanceOf(CorruptionException.class);
    }

    @Test
    void badArgumentsAreRejected() {
        XChaChaKey k = XChaChaKey.of(new byte[32]);
        assertThatThrownBy(() -> XChaChaKey.of(new byte[16])).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("32-byte key");
        assertThatThrownBy(() -> k.seal(new byte[10], 0, 10, null, 0, 0, new byte[49], 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("needs 50 bytes");
        assertThatThrownBy(() -> k.seal(null, null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new XChaChaKey(new byte[32], new SecureRandom(), 0)).isInstanceOf(InvalidArgumentException.class);
    }
}
