package dev.oxistore.kv.lsm.sst;

/**
 * A per-table bloom filter over "user key with keyspace" bytes: {@code k} probes by double
 * hashing of a 64-bit hash. Layout: {@code byte k | bit array}. An empty filter (k = 0) says
 * "maybe" to everything.
 */
public final class BloomFilter {

    private BloomFilter() {
    }

    public static long hash(byte[] b, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        for (int i = 0; i < len; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    static byte[] build(long[] hashes, int n, int bitsPerKey) {
        if (bitsPerKey == 0 || n == 0) {
            return new byte[] {0};
        }
        int k = Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
        long bits = Math.max(64, (long) n * bitsPerKey);
        int bytes = (int) Math.min(Integer.MAX_VALUE - 8, (bits + 7) / 8);
        bits = bytes * 8L;
        byte[] f = new byte[bytes + 1];
        f[0] = (byte) k;
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int j = 0; j < k; j++) {
                long bit = Integer.toUnsignedLong(h1 + j * h2) % bits;
                f[1 + (int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return f;
    }

    static boolean mayContain(byte[] filter, long h) {
        int k = filter[0];
        if (k == 0) {
            return true;
        }
        long bits = (filter.length - 1) * 8L;
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int j = 0; j < k; j++) {
            long bit = Integer.toUnsignedLong(h1 + j * h2) % bits;
            if ((filter[1 + (int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }
}
