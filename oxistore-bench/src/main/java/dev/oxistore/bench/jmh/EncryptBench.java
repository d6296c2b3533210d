package dev.oxistore.bench.jmh;

import dev.oxistore.OxiStore;
import dev.oxistore.encrypt.EncryptedKvStore;
import dev.oxistore.encrypt.KeySource;
import dev.oxistore.encrypt.Keyring;
import dev.oxistore.encrypt.aead.Aead;
import dev.oxistore.encrypt.aead.XChaChaKey;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.workload.Keys;
import dev.oxistore.workload.Values;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
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
 * associated data: our XChaCha20-Poly1305 as {@link EncryptedKvStore} runs it, an {@link XChaChaKey}
 * (the object each key-encryption key wraps data keys with: it draws its own nonce, a random
 * prefix and a counter, and keeps the prefix's HChaCha20 subkey), against the JDK's
 * {@code ChaCha20-Poly1305} with a 12-byte nonce. The JDK side reuses one {@link Cipher},
 * re-initialises it per operation with a new nonce (a counter: the JDK refuses to encrypt twice
 * with one key and nonce) and seals into a preallocated array, the cheapest correct way to call
 * it. Opens decrypt one fixed sealed value; ours was sealed by the same {@code XChaChaKey}, as a
 * store reads what its current session wrote. Diagnostics: {@code *XChaCha20Poly1305Stateless}
 * runs {@link Aead#XCHACHA20_POLY1305} with the caller's nonce (one HChaCha20 per call: the cost of
 * opening a value whose prefix is not cached), {@code *ChaCha20Poly1305Ours} our pooled wrapper of
 * the JDK cipher ({@link Aead#CHACHA20_POLY1305}). Then {@code put} and {@code get} of 16-byte
 * keys through {@link EncryptedKvStore} over a MEMORY store against the same MEMORY store unencrypted.
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
        byte[] xOut = new byte[VALUE + XChaChaKey.OVERHEAD];
        byte[] xNonce = new byte[24];
        XChaChaKey xKey;
        byte[] xKeySealed;
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
            xKey = XChaChaKey.of(key);
            xKeySealed = xKey.seal(plaintext, aad);
            byte[] nonce = java.util.Arrays.copyOf(xKeySealed, 24);
            byte[] body = java.util.Arrays.copyOfRange(xKeySealed, 24, xKeySealed.length);
            if (!java.util.Arrays.equals(Aead.XCHACHA20_POLY1305.open(key, nonce, body, aad), plaintext)) {
                throw new IllegalStateException("XChaChaKey's output is not XChaCha20-Poly1305");
            }
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

    /** What EncryptedKvStore does per wrap: the key object draws the nonce and writes nonce || ciphertext || tag. */
    @Benchmark
    public int sealXChaCha20Poly1305Ours(Aeads s) {
        return s.xKey.seal(s.plaintext, 0, VALUE, s.aad, 0, AAD, s.xOut, 0);
    }

    /** Diagnostic: the stateless form with the caller's nonce, one HChaCha20 per call. */
    @Benchmark
    public int sealXChaCha20Poly1305Stateless(Aeads s) {
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

    /** What EncryptedKvStore does per unwrap of a value its session wrote: the prefix's subkey is cached. */
    @Benchmark
    public byte[] openXChaCha20Poly1305Ours(Aeads s) {
        return s.xKey.open(s.xKeySealed, 0, s.xKeySealed.length, s.aad, 0, AAD);
    }

    /** Diagnostic: the stateless form, one HChaCha20 per call (an uncached prefix costs this). */
    @Benchmark
    public byte[] openXChaCha20Poly1305Stateless(Aeads s) {
        return Aead.XCHACHA20_POLY1305.open(s.key, s.xSealedNonce, s.xSealed, 0, s.xSealed.length, s.aad, 0, AAD);
    }

    @Benchmark
    public byte[] openChaCha20Poly1305Jdk(Aeads s) throws GeneralSecurityException {
        s.jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(s.key, "ChaCha20"), new IvParameterSpec(s.jdkSealedNonce));
        s.jdk.updateAAD(s.aad, 0, AAD);
        return s.jdk.doFinal(s.jdkSealed, 0, s.jdkSealed.length);
    }

    /**
     * A cross-check for a busy machine, outside JMH: the same benchmark methods on one {@link Aeads}
     * state, run in interleaved batches (the order rotating every round) and timed by the thread's
     * CPU time, so time spent descheduled by other processes does not count and load drifts hit
     * both sides of a pair alike. Prints, per variant, the median time and, against the JDK, the
     * median over rounds of JDK time / our time (our relative throughput) with its quartiles.
     * Arguments: rounds (default 300), operations per batch (default 2,000), and {@code seal}
     * (default) or {@code open}: one JVM per operation, as JMH forks, so shared code is compiled
     * for that operation alone.
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String which = args.length > 2 ? args[2] : "seal";
        EncryptBench b = new EncryptBench();
        Aeads s = new Aeads();
        s.setup();
        record Variant(String name, Callable<Object> op) {
        }
        List<Variant> variants = switch (which) {
            case "seal" -> List.of(new Variant("sealJdk", () -> b.sealChaCha20Poly1305Jdk(s)),
                    new Variant("sealOurs", () -> b.sealXChaCha20Poly1305Ours(s)),
                    new Variant("sealStateless", () -> b.sealXChaCha20Poly1305Stateless(s)));
            case "open" -> List.of(new Variant("openJdk", () -> b.openChaCha20Poly1305Jdk(s)),
                    new Variant("openOurs", () -> b.openXChaCha20Poly1305Ours(s)),
                    new Variant("openStateless", () -> b.openXChaCha20Poly1305Stateless(s)));
            default -> throw new IllegalArgumentException("the third argument is 'seal' or 'open', got '" + which + "'");
        };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] ns = new double[variants.size()][rounds];
        long sink = 0;
        for (int w = 0; w < 20; w++) { // warm-up: let C2 compile every path
            for (Variant v : variants) {
                for (int i = 0; i < batch; i++) {
                    sink += v.op().call().hashCode();
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < variants.size(); k++) {
                int v = (k + r) % variants.size();
                Callable<Object> op = variants.get(v).op();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    sink += op.call().hashCode();
                }
                ns[v][r] = (mx.getCurrentThreadCpuTime() - t0) / (double) batch;
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            System.out.printf("%-14s median %7.0f ns/op (CPU time)%n", variants.get(v).name(), median(ns[v]));
        }
        for (int v = 1; v < variants.size(); v++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ns[0][r] / ns[v][r];
            }
            Arrays.sort(ratio);
            System.out.printf("%-14s / %-8s throughput ratio: median %.3f, quartiles %.3f-%.3f, over %d rounds%n",
                    variants.get(v).name(), variants.get(0).name(), median(ratio), ratio[rounds / 4],
                    ratio[3 * rounds / 4], rounds);
        }
        if (sink == 42) {
            System.out.println(); // keeps the results alive for the JIT
        }
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
