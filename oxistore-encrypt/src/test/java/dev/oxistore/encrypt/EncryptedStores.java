package dev.oxistore.encrypt;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.KvEngine;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.ServiceLoader;

/** {@link EncryptedKvStore} over an engine found through ServiceLoader, as the testkit suites see it. */
final class EncryptedStores implements StoreFactory {

    /** A fixed test key; real keys come from a key manager or a passphrase. */
    static final byte[] KEY_1 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] KEY_2 = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f");
    static final Keyring KEYRING = Keyring.of(1, KeySource.raw(KEY_1));

    /** Over MEMORY with XChaCha20-Poly1305. */
    static final EncryptedStores MEMORY = new EncryptedStores(EngineKind.MEMORY, Algorithm.XCHACHA20_POLY1305);
    /** Over MEMORY with AES-256-GCM. */
    static final EncryptedStores MEMORY_GCM = new EncryptedStores(EngineKind.MEMORY, Algorithm.AES_256_GCM);

    /** Over BTREE (persistent) with XChaCha20-Poly1305. */
    static final EncryptedStores BTREE = new EncryptedStores(EngineKind.BTREE, Algorithm.XCHACHA20_POLY1305);

    private final EngineKind kind;
    private final Algorithm algorithm;

    EncryptedStores(EngineKind kind, Algorithm algorithm) {
        this.kind = kind;
        this.algorithm = algorithm;
    }

    static KvEngine engine(EngineKind kind) {
        return ServiceLoader.load(KvEngine.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no KvEngine of kind " + kind + " on the class path"));
    }

    /** A fresh in-memory inner store for {@code config} (plaintext limits). */
    static KvStore memory(StoreConfig config) {
        return engine(EngineKind.MEMORY).openInMemory(EncryptedKvStore.innerConfig(config));
    }

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        StoreConfig inner = EncryptedKvStore.innerConfig(config);
        KvStore store = kind == EngineKind.MEMORY ? engine(kind).openInMemory(inner) : engine(kind).open(dir, inner);
        return EncryptedKvStore.wrap(store, KEYRING, algorithm);
    }

    @Override
    public boolean persistent() {
        return kind != EngineKind.MEMORY;
    }
}
