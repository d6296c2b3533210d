package dev.oxistore.kv.hlog.log;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The record format of the hybrid log (all fields 8-byte aligned, native byte order for words):
 *
 * <pre>
 * +0   header   bits 0-47 previous address in the hash chain (0: none)
 *               bits 48-59 checkpoint version (mod 4096) of the session that wrote it
 *               bit 60 settled (with bit 61: no in-place update of it is in flight any more)
 *               bit 61 sealed (an RMW is copying it: it is never updated in place again)
 *               bit 62 tombstone, bit 63 invalid (insertion lost its CAS, or rolled back at recovery)
 * +8   lengths  low 32 bits key length (>= 1), high 32 bits value length
 * +16  key      key bytes, zero-padded to 8
 * +16+pad8(k)   value bytes, zero-padded to 8
 * </pre>
 *
 * A zero lengths word means "no record here: the rest of the page is empty". An 8-byte key or
 * value read as a long is the big-endian reading of its bytes, so {@code long} and {@code byte[]}
 * operations see the same records; the in-memory word is the byte-swapped native long.
 */
public final class Records {

    /** Header plus lengths. */
    public static final int HEADER_BYTES = 16;
    /** Address mask. */
    public static final long ADDRESS_MASK = (1L << 48) - 1;
    /**
     * Versions are stored modulo this. (Formerly 13 bits: an older record's version read with this
     * mask is the same version modulo 4096, and its bit 60 is ignored, as it is never sealed.)
     */
    public static final int VERSION_MASK = 0x0FFF;
    private static final int VERSION_SHIFT = 48;
    /**
     * Sealed bit: the record is being copied to the tail by an RMW that reads its value first, so the
     * {@code long} path must append instead of updating it in place (else its update could land after
     * the copy read the value, and be lost). Set by a CAS on the header; never cleared.
     */
    public static final long SEALED = 1L << 61;
    /** Set after {@link #SEALED} once every operation in flight at the seal has finished: its value is final. */
    public static final long SETTLED = 1L << 60;
    /** Tombstone bit. */
    public static final long TOMBSTONE = 1L << 62;
    /** Invalid bit. */
    public static final long INVALID = 1L << 63;
    /** Plain/volatile access to aligned longs in a page. */
    public static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    /** Size of an 8-byte-key, 8-byte-value record. */
    public static final int LONG_RECORD_BYTES = 32;
    /** Lengths word of an 8-byte-key, 8-byte-value record. */
    public static final long LONG_LENGTHS = 8L | (8L << 32);

    private Records() {
    }

    /** Rounds up to a multiple of 8. */
    public static int pad(int n) {
        return (n + 7) & ~7;
    }

    /** Bytes a record with these lengths occupies. */
    public static int size(int keyLength, int valueLength) {
        return HEADER_BYTES + pad(keyLength) + pad(valueLength);
    }

    /** A header word. */
    public static long header(long previous, int version, boolean tombstone) {
        return (previous & ADDRESS_MASK) | ((long) (version & VERSION_MASK) << VERSION_SHIFT) | (tombstone ? TOMBSTONE : 0);
    }

    /** The previous address in the chain. */
    public static long previous(long header) {
        return header & ADDRESS_MASK;
    }

    /** The stored version. */
    public static int version(long header) {
        return (int) (header >>> VERSION_SHIFT) & VERSION_MASK;
    }

    /** True for a tombstone. */
    public static boolean isTombstone(long header) {
        return (header & TOMBSTONE) != 0;
    }

    /** True for a sealed record: read it, but never update it in place. */
    public static boolean isSealed(long header) {
        return (header & SEALED) != 0;
    }

    /** True for a sealed record whose value no in-place update can change any more. */
    public static boolean isSettled(long header) {
        return (header & (SEALED | SETTLED)) == (SEALED | SETTLED);
    }

    /** True for an invalid record. */
    public static boolean isInvalid(long header) {
        return (header & INVALID) != 0;
    }

    /** True when {@code recordVersion} is later than {@code sessionVersion} (modulo arithmetic). */
    public static boolean isNewer(int recordVersion, int sessionVersion) {
        int d = (recordVersion - sessionVersion) & VERSION_MASK;
        return d != 0 && d < VERSION_MASK / 2;
    }

    /** Key length from a lengths word. */
    public static int keyLength(long lengths) {
        return (int) lengths;
    }

    /** Value length from a lengths word. */
    public static int valueLength(long lengths) {
        return (int) (lengths >>> 32);
    }

    /** The lengths word. */
    public static long lengths(int keyLength, int valueLength) {
        return (keyLength & 0xFFFFFFFFL) | ((long) valueLength << 32);
    }

    /** Reads a header or other word with volatile semantics. */
    public static long getVolatile(MemorySegment page, long offset) {
        return (long) LONG.getVolatile(page, offset);
    }

    /** Marks the record at {@code offset} invalid. */
    public static void invalidate(MemorySegment page, long offset) {
        long h = (long) LONG.getVolatile(page, offset);
        LONG.setVolatile(page, offset, h | INVALID);
    }

    /** 64-bit finaliser (MurmurHash3 fmix64) of a long key. */
    public static long hash(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Hash of a byte key; an 8-byte key hashes like the big-endian long it spells. */
    public static long hash(byte[] key) {
        if (key.length == 8) {
            return hash(bigEndian(key, 0));
        }
        long h = 0x9E3779B97F4A7C15L ^ key.length;
        int i = 0;
        for (; i + 8 <= key.length; i += 8) {
            h = (h ^ hash(bigEndian(key, i))) * 0x9E3779B97F4A7C15L;
        }
        long tail = 0;
        for (; i < key.length; i++) {
            tail = (tail << 8) | (key[i] & 0xFF);
        }
        return hash(h ^ hash(tail + key.length));
    }

    /** The big-endian long at {@code i}. */
    public static long bigEndian(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 56) | ((long) (b[i + 1] & 0xFF) << 48) | ((long) (b[i + 2] & 0xFF) << 40)
                | ((long) (b[i + 3] & 0xFF) << 32) | ((long) (b[i + 4] & 0xFF) << 24) | ((b[i + 5] & 0xFF) << 16)
                | ((b[i + 6] & 0xFF) << 8) | (b[i + 7] & 0xFF);
    }

    /** The 8 big-endian bytes of {@code v}. */
    public static byte[] bigEndianBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
