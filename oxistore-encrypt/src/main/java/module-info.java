/**
 * OxiStore encryption at rest: {@link dev.oxistore.encrypt.EncryptedKvStore}, a decorator that
 * seals every value of any {@link dev.oxistore.kv.KvStore} with an AEAD under envelope keys from a
 * versioned {@link dev.oxistore.encrypt.Keyring}, with rotation, re-keying and retirement; and the
 * AEAD primitives themselves ({@code dev.oxistore.encrypt.aead}), XChaCha20-Poly1305 among them.
 * Pure Java over the JDK's own ciphers; no dependency beyond {@code dev.oxistore.core}.
 */
module dev.oxistore.encrypt {
    requires transitive dev.oxistore.core;

    exports dev.oxistore.encrypt;
    exports dev.oxistore.encrypt.aead;
}
