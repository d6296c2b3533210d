package dev.oxistore.encrypt;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.MetricsRecorder;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every view of one {@link EncryptedKvStore} shares: the algorithm, the random source, the
 * current {@link KeyState}, the store's configuration, lifecycle, leases and counters; and the
 * seal, open and re-wrap steps with their bookkeeping. Thread-safe.
 */
final class Sealer {

    final Algorithm algorithm;
    final StoreConfig config;
    final Lifecycle life;
    final MetricsRecorder metrics = new MetricsRecorder();
    final Leases leases = new Leases();
    final SecureRandom random = newRandom();
    private final LongAdder sealed = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final LongAdder rewrapped = new LongAdder();
    private volatile KeyState keys;

    Sealer(Algorithm algorithm, StoreConfig config, Lifecycle life) {
        this.algorithm = algorithm;
        this.config = config;
        this.life = life;
        metrics.gauge("encrypt.sealed", sealed::sum);
        metrics.gauge("encrypt.opened", opened::sum);
        metrics.gauge("encrypt.authFailures", authFailures::sum);
        metrics.gauge("encrypt.rewrapped", rewrapped::sum);
        metrics.gauge("encrypt.primaryVersion", () -> keys.primary());
    }

    /**
     * One DRBG (NIST SP 800-90A Hash_DRBG, 256-bit strength, seeded by the OS) for data keys and
     * nonces; {@code nextBytes} is thread-safe.
     */
    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.NONE,
                    "oxistore-encrypt".getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    KeyState keys() {
        return keys;
    }

    void keys(KeyState next) {
        keys = next;
    }

    /** Seals {@code plaintext} as the value of {@code key} in {@code keyspace}, under the primary version. */
    byte[] seal(String keyspace, byte[] key, byte[] plaintext) {
        byte[] out = Envelope.seal(algorithm, keys.primaryKek(), random, utf8(keyspace), key, plaintext);
        sealed.increment();
        return out;
    }

    /** Opens the stored value {@code value} of {@code key} (null stays null). */
    byte[] open(String keyspace, byte[] key, byte[] value) {
        if (value == null) {
            return null;
        }
        KeyState k = keys;
        try {
            byte[] plaintext = Envelope.open(k::kek, keyspace, utf8(keyspace), key, value);
            opened.increment();
            return plaintext;
        } catch (CorruptionException e) {
            authFailures.increment();
            throw e;
        }
    }

    /** The stored value {@code value} re-wrapped under {@code target}. */
    byte[] rewrap(String keyspace, byte[] key, byte[] value, Kek target) {
        KeyState k = keys;
        byte[] out = Envelope.rewrap(k::kek, target, random, keyspace, utf8(keyspace), key, value);
        rewrapped.increment();
        return out;
    }

    /** Rejects the keyspace this module keeps its key records in. */
    static String userKeyspace(String name) {
        if (KeyMetadata.KEYSPACE.equals(name)) {
            throw new InvalidArgumentException("keyspace '" + name + "' is reserved for the encryption layer's key "
                    + "records: pick another name");
        }
        return name;
    }

    private static byte[] utf8(String keyspace) {
        return keyspace.getBytes(StandardCharsets.UTF_8);
    }
}
