package dev.oxistore.bench.jmh;

import dev.oxistore.OxiStore;
import dev.oxistore.encrypt.EncryptedKvStore;
import dev.oxistore.encrypt.KeySource;
import dev.oxistore.encrypt.Keyring;
import dev.oxistore.encrypt.aead.Aead;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.workload.Keys;
import dev.oxistore.workload.Values;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of encryption at rest (issue 8). First the AEAD alone on a 1 KiB value with 24 bytes of
 * associated data: our XChaCha20-Poly1305 ({@link Aead#XCHACHA20_POLY1305}: HChaCha20, then the
 * JDK's ChaCha20-Poly1305 under the subkey) against the JDK's {@code ChaCha20-Poly1305} with a
 * 12-byte nonce, both re-initialising a cipher per operation as a store must (every value has its
 * own key and nonce); the JDK side reuses one {@link Cipher} and seals into a preallocated array, the
 * cheapest way to call it. Each seal uses a new nonce (a counter), since the JDK refuses to encrypt
 * twice with one key and nonce. {@code *ChaCha20Poly1305Ours} runs our wrapper of the JDK cipher
 * ({@link Aead#CHACHA20_POLY1305}) to split the gap between the pooled-cipher wrapper and HChaCha20.
 * Then {@code put} and {@code get} of 16-byte keys through
 * {@link EncryptedKvStore} over a MEMORY store against the same MEMORY store unencrypted.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncryptBench {

    private static final int VALUE = 1024;
    private static final int AAD = 24;

    /** Keys, plaintext, and one sealed value per AEAD for the open benchmarks. */
    @State(Scope.Thread)
    public static class Aeads {
        byte[] key = new byte[Aead.KEY_SIZE];
        byte[] plaintext = new byte[VALUE];
        byte[] aad = new byte[AAD];
        byte[] out = new byte[VALUE + Aead.TAG_SIZE];
        byte[] xNonce = new byte[24];
        byte[] jdkNonce = new byte[12];
        byte[] xSealed;
        byte[] xSealedNonce;
        byte[] jdkSealed;
        byte[] jdkSealedNonce;
        Cipher jdk;
        long counter;

        @Setup
        public void setup() throws GeneralSecurityException {
            SplittableRandom r = new SplittableRandom(8);
            r.nextBytes(key);
            r.nextBytes(plaintext);
            r.nextBytes(aad);
            r.nextBytes(xNonce);
            r.nextBytes(jdkNonce);
            jdk = Cipher.getInstance("ChaCha20-Poly1305");
            xSealedNonce = xNonce.clone();
            xSealed = Aead.XCHACHA20_POLY1305.seal(key, xSealedNonce, plaintext, aad);
            jdkSealedNonce = jdkNonce.clone();
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(jdkSealedNonce));
            jdk.updateAAD(aad);
            jdkSealed = jdk.doFinal(plaintext);
            jdkNonce[0] ^= 1; // never the sealed value's nonce again
            if (!java.util.Arrays.equals(Aead.CHACHA20_POLY1305.open(key, jdkSealedNonce, jdkSealed, aad), plaintext)) {
                throw new IllegalStateException("our ChaCha20-Poly1305 does not open the JDK's output");
            }
        }

        /** The next nonce: a counter in the last 8 bytes, as a stand-in for a fresh random nonce. */
        static void bump(byte[] nonce, long counter) {
            int at = nonce.length - 8;
            for (int i = 0; i < 8; i++) {
                nonce[at + i] = (byte) (counter >>> (8 * i));
            }
        }
    }

    @Benchmark
    public int sealXChaCha20Poly1305Ours(Aeads s) {
        Aeads.bump(s.xNonce, ++s.counter);
        return Aead.XCHACHA20_POLY1305.seal(s.key, s.xNonce, s.plaintext, 0, VALUE, s.aad, 0, AAD, s.out, 0);
    }

    @Benchmark
    public int sealChaCha20Poly1305Jdk(Aeads s) throws GeneralSecurityException {
        Aeads.bump(s.jdkNonce, ++s.counter);
        s.jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(s.key, "ChaCha20"), new IvParameterSpec(s.jdkNonce));
        s.jdk.updateAAD(s.aad, 0, AAD);
        return s.jdk.doFinal(s.plaintext, 0, VALUE, s.out, 0);
    }

    /** Diagnostic: our wrapper ({@link Aead#CHACHA20_POLY1305}, pooled cipher) without HChaCha20. */
    @Benchmark
    public int sealChaCha20Poly1305Ours(Aeads s) {
        Aeads.bump(s.jdkNonce, ++s.counter);
        return Aead.CHACHA20_POLY1305.seal(s.key, s.jdkNonce, s.plaintext, 0, VALUE, s.aad, 0, AAD, s.out, 0);
    }

    /** Diagnostic: our wrapper ({@link Aead#CHACHA20_POLY1305}, pooled cipher) without HChaCha20. */
    @Benchmark
    public byte[] openChaCha20Poly1305Ours(Aeads s) {
        return Aead.CHACHA20_POLY1305.open(s.key, s.jdkSealedNonce, s.jdkSealed, 0, s.jdkSealed.length, s.aad, 0, AAD);
    }

    @Benchmark
    public byte[] openXChaCha20Poly1305Ours(Aeads s) {
        return Aead.XCHACHA20_POLY1305.open(s.key, s.xSealedNonce, s.xSealed, 0, s.xSealed.length, s.aad, 0, AAD);
    }

    @Benchmark
    public byte[] openChaCha20Poly1305Jdk(Aeads s) throws GeneralSecurityException {
        s.jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(s.key, "ChaCha20"), new IvParameterSpec(s.jdkSealedNonce));
        s.jdk.updateAAD(s.aad, 0, AAD);
        return s.jdk.doFinal(s.jdkSealed, 0, s.jdkSealed.length);
    }

    /** A MEMORY store of {@value #KEYS} keys, plain or wrapped in {@link EncryptedKvStore}. */
    @State(Scope.Thread)
    public static class Stores {
        static final int KEYS = 10_000;

        @Param({"plain", "encrypted"})
        String store;

        @Param({"100", "1024"})
        int valueSize;

        KvStore kv;
        Keys keys;
        Values values;
        int next;
        SplittableRandom random = new SplittableRandom(9);

        @Setup
        public void setup() {
            StoreConfig config = StoreConfig.builder().durability(Durability.NONE).build();
            if (store.equals("plain")) {
                kv = OxiStore.openInMemory(EngineKind.MEMORY, config);
            } else if (store.equals("encrypted")) {
                byte[] kek = new byte[32];
                new SplittableRandom(10).nextBytes(kek);
                kv = EncryptedKvStore.wrap(OxiStore.openInMemory(EngineKind.MEMORY, EncryptedKvStore.innerConfig(config)),
                        Keyring.of(1, KeySource.raw(kek)));
            } else {
                throw new IllegalArgumentException("store is 'plain' or 'encrypted', got " + store);
            }
            keys = Keys.ordered(KEYS, 16, 1, 0);
            values = Values.of(valueSize, 11);
            for (int i = 0; i < KEYS; i++) {
                kv.put(keys.key(i), values.value(i));
            }
        }

        @TearDown
        public void tearDown() {
            kv.close();
        }
    }

    @Benchmark
    public void put(Stores s) {
        int i = s.next++;
        if (s.next == Stores.KEYS) {
            s.next = 0;
        }
        s.kv.put(s.keys.key(i), s.values.value(i + 1)); // a different value than the one stored
    }

    @Benchmark
    public byte[] get(Stores s) {
        return s.kv.get(s.keys.key(s.random.nextInt(Stores.KEYS)));
    }
}
