package dev.oxistore.cache.kv;

/**
 * A buffered write-back write: a put of {@code value} (expiring at {@code expiresAt}, epoch
 * milliseconds, or {@link dev.oxistore.kv.spi.Expiry#NEVER}) or, with a null value, a delete.
 */
record Pending(byte[] value, long expiresAt) {
}
