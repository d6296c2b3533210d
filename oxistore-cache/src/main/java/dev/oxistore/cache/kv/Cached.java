package dev.oxistore.cache.kv;

import dev.oxistore.kv.spi.Expiry;

/**
 * What the cache holds for a key: its value, or {@code null} for "known absent" (negative
 * caching), with the expiry in epoch milliseconds of the store's clock ({@link Expiry#NEVER}
 * for none). The expiry is never later than the inner store's, so a value is dropped no later
 * than the store would hide it.
 */
record Cached(byte[] value, long expiresAt) {

    static final Cached ABSENT = new Cached(null, Expiry.NEVER);

    long weight() {
        return (value == null ? 0 : value.length) + 32L;
    }
}
