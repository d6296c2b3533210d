package dev.oxistore.kv.btree;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.spi.Expiry;
import java.util.Arrays;

/**
 * The byte layouts of stored values and of TTL index keys (format version 1).
 *
 * <p>Stored value: one flag byte, then for {@link #EXPIRING} an 8-byte big-endian expiry (epoch
 * milliseconds), then the user's value. Keeping the expiry inline means a read needs one lookup;
 * the TTL index exists for purging and for counting expired entries.
 *
 * <p>TTL index key: keyspace id (4 bytes), expiry (8 bytes), user key; all big-endian, so the
 * index orders by keyspace, then by expiry.
 */
final class Records {

    /** Flag of a value that never expires. */
    static final byte PLAIN = 0;
    /** Flag of a value with an expiry. */
    static final byte EXPIRING = 1;
    /** Expiry of a value that never expires (the SPI's {@link Expiry#NEVER}). */
    static final long NO_EXPIRY = Expiry.NEVER;

    static final byte[] EMPTY = new byte[0];

    private Records() {
    }

    /** Encodes {@code payload} with {@code expireAt} ({@link #NO_EXPIRY} for none). */
    static byte[] encode(byte[] payload, long expireAt) {
        if (expireAt == NO_EXPIRY) {
            byte[] out = new byte[payload.length + 1];
            System.arraycopy(payload, 0, out, 1, payload.length);
            return out;
        }
        byte[] out = new byte[payload.length + 9];
        out[0] = EXPIRING;
        putLong(out, 1, expireAt);
        System.arraycopy(payload, 0, out, 9, payload.length);
        return out;
    }

    /** The expiry of a stored value, or {@link #NO_EXPIRY} (also for {@code null}). */
    static long expiry(byte[] stored) {
        if (stored == null) {
            return NO_EXPIRY;
        }
        check(stored);
        return stored[0] == EXPIRING ? getLong(stored, 1) : NO_EXPIRY;
    }

    /** True when {@code stored} exists and has not expired at {@code nowMillis}. */
    static boolean live(byte[] stored, long nowMillis) {
        if (stored == null) {
            return false;
        }
        return !Expiry.isExpired(expiry(stored), nowMillis);
    }

    /** A copy of the user's value inside {@code stored}. */
    static byte[] payload(byte[] stored) {
        check(stored);
        return Arrays.copyOfRange(stored, stored[0] == EXPIRING ? 9 : 1, stored.length);
    }

    /** The same payload with another expiry. */
    static byte[] withExpiry(byte[] stored, long expireAt) {
        return encode(payload(stored), expireAt);
    }

    /** True when {@code stored} holds exactly {@code payload} (ignoring the expiry). */
    static boolean payloadEquals(byte[] stored, byte[] payload) {
        check(stored);
        int from = stored[0] == EXPIRING ? 9 : 1;
        return Arrays.equals(stored, from, stored.length, payload, 0, payload.length);
    }

    /** The TTL index key of {@code key} in keyspace {@code ksId} expiring at {@code expireAt}. */
    static byte[] ttlKey(int ksId, long expireAt, byte[] key) {
        byte[] out = new byte[12 + key.length];
        putInt(out, 0, ksId);
        putLong(out, 4, expireAt);
        System.arraycopy(key, 0, out, 12, key.length);
        return out;
    }

    /** The smallest TTL index key of keyspace {@code ksId} with an expiry of at least {@code expireAt}. */
    static byte[] ttlBound(int ksId, long expireAt) {
        byte[] out = new byte[12];
        putInt(out, 0, ksId);
        putLong(out, 4, expireAt);
        return out;
    }

    static int ttlKeyspace(byte[] ttlKey) {
        checkTtlKey(ttlKey);
        return getInt(ttlKey, 0);
    }

    static long ttlExpiry(byte[] ttlKey) {
        checkTtlKey(ttlKey);
        return getLong(ttlKey, 4);
    }

    static byte[] ttlUserKey(byte[] ttlKey) {
        checkTtlKey(ttlKey);
        return Arrays.copyOfRange(ttlKey, 12, ttlKey.length);
    }

    private static void check(byte[] stored) {
        if (stored.length == 0 || (stored[0] != PLAIN && stored[0] != EXPIRING) || (stored[0] == EXPIRING && stored.length < 9)) {
            throw new CorruptionException("stored value has an unknown layout (flag "
                    + (stored.length == 0 ? "missing" : Integer.toString(stored[0] & 0xFF))
                    + "): the store file is damaged; run checkIntegrity() or restore a backup");
        }
    }

    private static void checkTtlKey(byte[] ttlKey) {
        if (ttlKey.length < 13) {
            throw new CorruptionException("TTL index key of " + ttlKey.length
                    + " bytes is too short: the store file is damaged; run checkIntegrity() or restore a backup");
        }
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xFFFF_FFFFL);
    }
}
