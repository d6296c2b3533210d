/**
 * Encryption at rest for any {@link dev.oxistore.kv.KvStore}: {@link dev.oxistore.encrypt.EncryptedKvStore}
 * seals every value with an AEAD under its own data key, wrapped by a versioned key-encryption key
 * from a {@link dev.oxistore.encrypt.Keyring}; {@link dev.oxistore.encrypt.KeySource} gives keys from
 * raw bytes, a passphrase (PBKDF2-HMAC-SHA256) or an external {@link dev.oxistore.encrypt.KeyProvider};
 * rotation, re-keying and retirement keep keys fresh without downtime. The sealed-value format is
 * documented byte by byte in the module README.
 */
package dev.oxistore.encrypt;
