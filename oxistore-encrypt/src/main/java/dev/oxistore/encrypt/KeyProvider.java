package dev.oxistore.encrypt;

/**
 * An external key manager (a cloud KMS, Vault, an HSM) that protects OxiStore's key-encryption
 * keys without handing out its own master key. When a key version backed by a provider is created,
 * the store draws a random 256-bit key-encryption key, asks the provider to wrap it, and keeps
 * only the wrapped form (in its metadata keyspace); when the store opens, it asks the provider to
 * unwrap it once. The provider is never called per value, so its latency and quotas do not touch
 * reads and writes.
 *
 * <p>Implementations must be thread-safe. Their exceptions pass through to the caller of
 * {@link EncryptedKvStore#wrap} or {@link EncryptedKvStore#rotate}; prefer a
 * {@link dev.oxistore.kv.StoreException} subclass whose message says what to fix.
 */
public interface KeyProvider {

    /**
     * Names the provider's master key (e.g. a KMS key ARN), recorded beside each wrapped key so a
     * mismatch is caught at open. Not secret.
     */
    String keyId();

    /**
     * Encrypts {@code key} (32 bytes) under the master key, binding {@code context} (a KMS
     * "encryption context" or associated data: the store's label for this key version).
     *
     * @return the wrapped key, at most 65,535 bytes
     */
    byte[] wrapKey(byte[] key, byte[] context);

    /**
     * Decrypts what {@link #wrapKey} returned for the same {@code context}.
     *
     * @return the 32-byte key
     */
    byte[] unwrapKey(byte[] wrappedKey, byte[] context);
}
