package dev.oxistore.cache.kv;

import java.util.Arrays;

/** A cache key: keyspace name and key bytes (owned, never modified), with the hash precomputed. */
final class CacheKey {
    final String keyspace;
    final byte[] key;
    private final int hash;

    CacheKey(String keyspace, byte[] key) {
        this.keyspace = keyspace;
        this.key = key;
        this.hash = 31 * keyspace.hashCode() + Arrays.hashCode(key);
    }

    /** Bytes this key costs in a byte-bounded cache (arrays, the object, the map entry). */
    long weight() {
        return key.length + 64L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && hash == k.hash && Arrays.equals(key, k.key) && keyspace.equals(k.keyspace);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return keyspace + ":" + java.util.HexFormat.of().formatHex(key);
    }
}
