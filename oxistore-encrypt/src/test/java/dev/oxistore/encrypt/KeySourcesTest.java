package dev.oxistore.encrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.encrypt.aead.Aead;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw keys, passphrases and key providers: what is stored, what is checked at open, what is refused. */
class KeySourcesTest {

    @TempDir
    Path dir;

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final byte[] K = b("k");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private KvStore btree() {
        return EncryptedStores.engine(EngineKind.BTREE).open(dir, EncryptedKvStore.innerConfig(StoreConfig.defaults()));
    }

    /** Wraps a freshly opened BTREE store, closing it when wrapping fails. */
    private EncryptedKvStore reopen(Keyring ring) {
        KvStore inner = btree();
        try {
            return EncryptedKvStore.wrap(inner, ring);
        } catch (RuntimeException e) {
            inner.close();
            throw e;
        }
    }

    @Test
    void aPassphraseKeyReopensWithTheSamePassphraseOnly() {
        Keyring ring = Keyring.of(1, KeySource.passphrase(PASSPHRASE, KeySource.MIN_ITERATIONS));
        try (EncryptedKvStore s = reopen(ring)) {
            s.put(K, b("secret"));
            byte[] record = s.inner().keyspace(KeyMetadata.KEYSPACE).get(KeyMetadata.recordKey(1));
            assertThat(Arrays.copyOf(record, 4)).as("format, active, passphrase, algorithm").containsExactly(1, 1, 2, 1);
            assertThat(Envelope.getInt(record, 4)).as("iterations").isEqualTo(KeySource.MIN_ITERATIONS);
            assertThat(record[8]).as("salt length").isEqualTo((byte) 16);
            assertThat(record).hasSize(4 + 4 + 1 + 16 + 24 + 16);
        }
        try (EncryptedKvStore s = reopen(Keyring.of(1, KeySource.passphrase(PASSPHRASE)))) {
            assertThat(s.get(K)).as("the stored iteration count wins over the one passed").isEqualTo(b("secret"));
        }
        assertThatThrownBy(() -> reopen(Keyring.of(1, KeySource.passphrase("Correct horse battery staple".toCharArray(),
                KeySource.MIN_ITERATIONS)))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("passphrase");
    }

    @Test
    void theDefaultIterationCountIsOwasps600000() {
        assertThat(KeySource.DEFAULT_ITERATIONS).isEqualTo(600_000);
        try (EncryptedKvStore s = EncryptedKvStore.wrap(EncryptedStores.memory(StoreConfig.defaults()),
                Keyring.of(1, KeySource.passphrase(PASSPHRASE)))) {
            byte[] record = s.inner().keyspace(KeyMetadata.KEYSPACE).get(KeyMetadata.recordKey(1));
            assertThat(Envelope.getInt(record, 4)).isEqualTo(600_000);
            s.put(K, b("v"));
            assertThat(s.get(K)).isEqualTo(b("v"));
        }
    }

    @Test
    void twoStoresWithOnePassphraseGetDifferentSaltsAndKeys() {
        Keyring ring = Keyring.of(1, KeySource.passphrase(PASSPHRASE, KeySource.MIN_ITERATIONS));
        try (EncryptedKvStore a = EncryptedKvStore.wrap(EncryptedStores.memory(StoreConfig.defaults()), ring);
             EncryptedKvStore other = EncryptedKvStore.wrap(EncryptedStores.memory(StoreConfig.defaults()), ring)) {
            a.put(K, b("v"));
            other.inner().put(K, a.inner().get(K));
            assertThatThrownBy(() -> other.get(K)).isInstanceOf(dev.oxistore.kv.CorruptionException.class);
        }
    }

    @Test
    void aChangedSaltOrIterationCountIsCaughtByTheKeyCheck() {
        Keyring ring = Keyring.of(1, KeySource.passphrase(PASSPHRASE, KeySource.MIN_ITERATIONS));
        try (EncryptedKvStore s = reopen(ring)) {
            var meta = s.inner().keyspace(KeyMetadata.KEYSPACE);
            byte[] record = meta.get(KeyMetadata.recordKey(1));
            record[12] ^= 1; // a salt byte
            meta.put(KeyMetadata.recordKey(1), record);
        }
        assertThatThrownBy(() -> reopen(ring)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("key check value");
    }

    /** A stand-in KMS: AES-256-GCM under a master key it never shows, counting calls. */
    static final class FakeKms implements KeyProvider {
        final byte[] master = new byte[32];
        final String id;
        final AtomicInteger wraps = new AtomicInteger();
        final AtomicInteger unwraps = new AtomicInteger();

        FakeKms(String id) {
            this.id = id;
            new SecureRandom().nextBytes(master);
        }

        @Override
        public String keyId() {
            return id;
        }

        @Override
        public byte[] wrapKey(byte[] key, byte[] context) {
            wraps.incrementAndGet();
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            byte[] sealed = Aead.AES_256_GCM.seal(master, nonce, key, context);
            byte[] out = Arrays.copyOf(nonce, 12 + sealed.length);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        }

        @Override
        public byte[] unwrapKey(byte[] wrapped, byte[] context) {
            unwraps.incrementAndGet();
            return Aead.AES_256_GCM.open(master, Arrays.copyOf(wrapped, 12), Arrays.copyOfRange(wrapped, 12, wrapped.length), context);
        }
    }

    @Test
    void aProviderWrapsOnceAndUnwrapsOncePerOpenNeverPerValue() {
        FakeKms kms = new FakeKms("arn:test:kms:key/1");
        Keyring ring = Keyring.of(1, KeySource.provider(kms));
        try (EncryptedKvStore s = reopen(ring)) {
            for (int i = 0; i < 100; i++) {
                s.put(b("k" + i), b("v" + i));
            }
            byte[] record = s.inner().keyspace(KeyMetadata.KEYSPACE).get(KeyMetadata.recordKey(1));
            assertThat(record[2]).as("provider source").isEqualTo((byte) 3);
            assertThat(new String(record, StandardCharsets.ISO_8859_1)).contains(kms.keyId());
        }
        try (EncryptedKvStore s = reopen(ring)) {
            for (int i = 0; i < 100; i++) {
                assertThat(s.get(b("k" + i))).isEqualTo(b("v" + i));
            }
        }
        assertThat(kms.wraps).hasValue(1);
        assertThat(kms.unwraps).hasValue(1);
        FakeKms impostor = new FakeKms("arn:test:kms:key/2");
        assertThatThrownBy(() -> reopen(Keyring.of(1, KeySource.provider(impostor))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("arn:test:kms:key/1");
    }

    @Test
    void aSourceOfAnotherKindOrARawKeyOfTheWrongValueIsRefused() {
        try (EncryptedKvStore s = reopen(EncryptedStores.KEYRING)) {
            s.put(K, b("v"));
        }
        assertThatThrownBy(() -> reopen(Keyring.of(1, KeySource.passphrase(PASSPHRASE, KeySource.MIN_ITERATIONS))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("raw key");
        assertThatThrownBy(() -> reopen(Keyring.of(1, KeySource.raw(EncryptedStores.KEY_2))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key check value");
        try (EncryptedKvStore s = reopen(EncryptedStores.KEYRING)) {
            assertThat(s.get(K)).isEqualTo(b("v"));
        }
    }

    @Test
    void withoutKeyspacesOnlyRawKeysWork() {
        KvStore inner = new LimitedStore(EncryptedStores.memory(StoreConfig.defaults()), Capability.KEYSPACES);
        try (inner) {
            assertThatThrownBy(() -> EncryptedKvStore.wrap(inner, Keyring.of(1, KeySource.passphrase(PASSPHRASE))))
                    .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("KeySource.raw");
            EncryptedKvStore s = EncryptedKvStore.wrap(inner, EncryptedStores.KEYRING);
            s.put(K, b("v"));
            assertThat(s.get(K)).isEqualTo(b("v"));
            assertThat(s.keyspaces()).containsExactly("default");
        }
    }

    @Test
    void keySourcesAndKeyringsRejectBadInput() {
        assertThatThrownBy(() -> KeySource.raw(new byte[16])).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> KeySource.raw(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> KeySource.passphrase(new char[0])).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> KeySource.passphrase(PASSPHRASE, 1_000)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("600000");
        assertThatThrownBy(() -> KeySource.provider(null)).isInstanceOf(InvalidArgumentException.class);
        KeySource raw = KeySource.raw(EncryptedStores.KEY_1);
        assertThat(raw.toString()).doesNotContain("000102");
        assertThatThrownBy(() -> Keyring.builder().build()).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Keyring.builder().add(0, raw)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Keyring.builder().add(1, raw).add(1, raw)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Keyring.builder().add(1, raw).primary(2).build()).isInstanceOf(InvalidArgumentException.class);
        Keyring ring = Keyring.builder().add(3, raw).add(1, raw).build();
        assertThat(ring.primary()).isEqualTo(3);
        assertThat(ring.versions()).containsExactly(1, 3);
        assertThat(Keyring.builder().add(3, raw).add(1, raw).primary(1).build().primary()).isEqualTo(1);
        byte[] caller = EncryptedStores.KEY_1.clone();
        KeySource copied = KeySource.raw(caller);
        Arrays.fill(caller, (byte) 0);
        try (EncryptedKvStore s = EncryptedKvStore.wrap(EncryptedStores.memory(StoreConfig.defaults()), Keyring.of(1, copied))) {
            s.put(K, b("v"));
            s.inner().keyspace(KeyMetadata.KEYSPACE).delete(KeyMetadata.recordKey(1));
            try (EncryptedKvStore again = EncryptedKvStore.wrap(s.inner(), EncryptedStores.KEYRING)) {
                assertThat(again.get(K)).as("the source kept its own copy of the key").isEqualTo(b("v"));
            }
        }
    }
}
