package dev.oxistore.kv.lsm.format;

import dev.oxistore.kv.spi.Expiry;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The keys and values the tree stores. An internal key is
 * {@code keyspace id (4 bytes BE) | user key | trailer (8 bytes BE)}, where the trailer is
 * {@code (MAX_SEQ - seq) << 8 | type}: internal keys order by keyspace and user key (unsigned
 * bytes) and then by sequence number, newest first, so a seek to {@code (key, s)} lands on the
 * newest version visible at {@code s}. The first {@code length - 8} bytes are the "user key with
 * keyspace" ({@link #ukeyLength}), which bloom filters and file ranges use.
 *
 * <p>A value of a put or merge record is {@code varlong(expiry code) | bytes}, the expiry code
 * being 0 for {@link Expiry#NEVER} and {@code expiresAt + 1} otherwise; a delete has no value.
 */
public final class InternalKey {

    /** Deletes a key (a tombstone). */
    public static final int DELETE = 0;
    /** Sets a key. */
    public static final int PUT = 1;
    /** A merge operand applied to the key's older versions. */
    public static final int MERGE = 2;
    /** A merge operand applied to "absent": it ends a merge chain like a put. */
    public static final int MERGE_BASE = 3;

    public static final long MAX_SEQ = (1L << 56) - 1;
    static final int TRAILER = 8;

    /** Orders internal keys: keyspace and user key ascending, then sequence number descending. */
    public static final Comparator<byte[]> ORDER = InternalKey::compare;

    private InternalKey() {
    }

    public static byte[] of(int keyspace, byte[] userKey, long seq, int type) {
        byte[] k = new byte[4 + userKey.length + TRAILER];
        Coding.putInt(k, 0, keyspace);
        System.arraycopy(userKey, 0, k, 4, userKey.length);
        Coding.putLong(k, k.length - TRAILER, (MAX_SEQ - seq) << 8 | type);
        return k;
    }

    /** The first internal key of {@code userKey}: sorts before every version of it. */
    public static byte[] first(int keyspace, byte[] userKey) {
        return of(keyspace, userKey, MAX_SEQ, DELETE);
    }

    /** Sorts after every key of {@code keyspace}. */
    public static byte[] afterKeyspace(int keyspace) {
        return of(keyspace + 1, new byte[0], MAX_SEQ, DELETE);
    }

    public static int compare(byte[] a, byte[] b) {
        int c = Arrays.compareUnsigned(a, 0, a.length - TRAILER, b, 0, b.length - TRAILER);
        if (c != 0) {
            return c;
        }
        return Arrays.compareUnsigned(a, a.length - TRAILER, a.length, b, b.length - TRAILER, b.length);
    }

    /** Compares only the keyspace and user key parts. */
    public static int compareUkey(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, a.length - TRAILER, b, 0, b.length - TRAILER);
    }

    public static boolean sameUkey(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, a.length - TRAILER, b, 0, b.length - TRAILER);
    }

    public static int ukeyLength(byte[] ikey) {
        return ikey.length - TRAILER;
    }

    public static int keyspace(byte[] ikey) {
        return Coding.getInt(ikey, 0);
    }

    public static byte[] userKey(byte[] ikey) {
        return Arrays.copyOfRange(ikey, 4, ikey.length - TRAILER);
    }

    public static long seq(byte[] ikey) {
        return MAX_SEQ - (Coding.getLong(ikey, ikey.length - TRAILER) >>> 8);
    }

    public static int type(byte[] ikey) {
        return ikey[ikey.length - 1] & 0xff;
    }

    public static boolean isValid(byte[] ikey) {
        return ikey.length >= 4 + TRAILER && type(ikey) <= MERGE_BASE;
    }

    // ------------------------------------------------------------------ values

    public static byte[] value(byte[] bytes, long expiresAt) {
        Coding.Out out = new Coding.Out(bytes.length + 10);
        out.varlong(expiresAt == Expiry.NEVER ? 0 : expiresAt + 1).bytes(bytes);
        return out.toByteArray();
    }

    public static long expiresAt(byte[] value) {
        long code = new Coding.In(value).varlong();
        return code == 0 ? Expiry.NEVER : code - 1;
    }

    public static byte[] payload(byte[] value) {
        Coding.In in = new Coding.In(value);
        in.varlong();
        return Arrays.copyOfRange(value, in.pos, value.length);
    }
}
