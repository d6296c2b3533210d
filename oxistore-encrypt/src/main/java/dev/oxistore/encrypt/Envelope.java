package dev.oxistore.encrypt;

import dev.oxistore.encrypt.aead.Aead;
import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The sealed-value format, version 1 (the module README shows it byte by byte):
 *
 * <pre>
 * offset       size  field
 * 0            1     format version, 0x01
 * 1            1     algorithm id ({@link Algorithm#id()}): 0x01 XChaCha20-Poly1305, 0x02 AES-256-GCM
 * 2            4     key-encryption key version, unsigned 32-bit big-endian
 * 6            n     wrap nonce: n = 24 (0x01: the KEK's random prefix and a counter, see
 *                    {@link dev.oxistore.encrypt.aead.XChaChaKey}) or 12 (0x02: random)
 * 6+n          48    wrapped data key: the 32-byte DEK sealed under the KEK, then its 16-byte tag
 * 54+n         m+16  the value sealed under the DEK with an all-zero nonce, then its tag
 * </pre>
 *
 * Associated data binds both seals to where the value lives: with
 * {@code C = u16 len(keyspace) || keyspace (UTF-8) || u32 len(key) || key}, the value's AD is
 * {@code C || bytes 0-1} and the wrap's AD is {@code C || bytes 0-5}. Bytes copied to another key
 * or keyspace, or a changed header, fail authentication. The value's AD leaves out the key version
 * so that re-keying re-wraps the 48-byte data key and keeps the value's ciphertext as it is.
 *
 * <p>The value's nonce is all zeros because each data key is drawn fresh and seals exactly one
 * plaintext: a put, a merge result or a compare-and-set value always gets a new data key, and
 * re-wrapping moves the data key, never re-encrypts with it. A (key, nonce) pair is therefore
 * never reused, which is all an AEAD nonce is for, and the format saves a nonce per value.
 */
final class Envelope {

    static final int FORMAT = 1;
    static final int HEADER = 6;
    static final int DEK_SIZE = Aead.KEY_SIZE;
    static final int WRAPPED_DEK = DEK_SIZE + Aead.TAG_SIZE;
    /** The largest overhead of any algorithm: XChaCha20-Poly1305's 6 + 24 + 48 + 16. */
    static final int MAX_OVERHEAD = HEADER + 24 + WRAPPED_DEK + Aead.TAG_SIZE;

    private static final byte[] ZERO_NONCE = new byte[12];
    private static final byte[] CHECK_LABEL = "oxistore-encrypt/key-check/v1".getBytes(StandardCharsets.US_ASCII);

    private Envelope() {
    }

    /** The bytes a value grows by when sealed with {@code algorithm}. */
    static int overhead(Algorithm algorithm) {
        return HEADER + algorithm.wrap().nonceSize() + WRAPPED_DEK + Aead.TAG_SIZE;
    }

    /** The location part of the associated data, followed by room for the 6 header bytes. */
    static byte[] context(byte[] keyspaceUtf8, byte[] key) {
        byte[] c = new byte[2 + keyspaceUtf8.length + 4 + key.length + HEADER];
        c[0] = (byte) (keyspaceUtf8.length >>> 8);
        c[1] = (byte) keyspaceUtf8.length;
        System.arraycopy(keyspaceUtf8, 0, c, 2, keyspaceUtf8.length);
        putInt(c, 2 + keyspaceUtf8.length, key.length);
        System.arraycopy(key, 0, c, 6 + keyspaceUtf8.length, key.length);
        return c;
    }

    /** Seals {@code plaintext} for {@code key} in the keyspace whose UTF-8 name is given. */
    static byte[] seal(Algorithm algorithm, Kek kek, SecureRandom random, byte[] keyspaceUtf8, byte[] key, byte[] plaintext) {
        Aead wrap = algorithm.wrap();
        int n = wrap.nonceSize();
        byte[] out = new byte[overhead(algorithm) + plaintext.length];
        out[0] = FORMAT;
        out[1] = (byte) algorithm.id();
        putInt(out, 2, kek.version());
        byte[] dek = new byte[DEK_SIZE];
        random.nextBytes(dek);
        byte[] ad = context(keyspaceUtf8, key);
        int loc = ad.length - HEADER;
        System.arraycopy(out, 0, ad, loc, HEADER);
        try {
            wrapDek(wrap, kek, random, dek, ad, out);
            algorithm.value().seal(dek, ZERO_NONCE, plaintext, 0, plaintext.length, ad, 0, loc + 2,
                    out, HEADER + n + WRAPPED_DEK);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
        return out;
    }

    /** The parsed fixed part of a sealed value. */
    record Header(Algorithm algorithm, int version) {
    }

    /**
     * Reads and checks the header of {@code sealed}.
     *
     * @throws CorruptionException for an unknown format or algorithm, or a value too short for its algorithm
     */
    static Header header(byte[] sealed, String keyspace, byte[] key) {
        if (sealed.length < HEADER) {
            throw corrupt(keyspace, key, "is " + sealed.length + " bytes, shorter than the " + HEADER
                    + "-byte header of a sealed value: it was truncated or never encrypted");
        }
        if (sealed[0] != FORMAT) {
            throw corrupt(keyspace, key, "has format version " + (sealed[0] & 0xFF) + " where this release reads "
                    + FORMAT + ": it was written by a newer oxistore-encrypt, never encrypted, or damaged");
        }
        Algorithm algorithm = Algorithm.byId(sealed[1] & 0xFF);
        if (algorithm == null) {
            throw corrupt(keyspace, key, "names unknown algorithm id " + (sealed[1] & 0xFF));
        }
        if (sealed.length < overhead(algorithm)) {
            throw corrupt(keyspace, key, "is " + sealed.length + " bytes, shorter than the " + overhead(algorithm)
                    + " bytes every " + algorithm + " value takes: it was truncated");
        }
        return new Header(algorithm, getInt(sealed, 2));
    }

    /**
     * Verifies and decrypts {@code sealed}, the value of {@code key} in {@code keyspace}.
     *
     * @param keks the key-encryption key of a version, or null when the keyring lacks it
     * @throws CorruptionException when anything fails to authenticate or the key version is unknown
     */
    static byte[] open(IntFunction<Kek> keks, String keyspace, byte[] keyspaceUtf8, byte[] key, byte[] sealed) {
        Header h = header(sealed, keyspace, key);
        byte[] ad = context(keyspaceUtf8, key);
        int loc = ad.length - HEADER;
        System.arraycopy(sealed, 0, ad, loc, HEADER);
        byte[] dek = unwrap(h, keks, keyspace, key, sealed, ad);
        int n = h.algorithm().wrap().nonceSize();
        int body = HEADER + n + WRAPPED_DEK;
        try {
            return h.algorithm().value().open(dek, ZERO_NONCE, sealed, body, sealed.length - body, ad, 0, loc + 2);
        } catch (CorruptionException e) {
            throw corrupt(keyspace, key, "failed authentication: its ciphertext or tag was changed, or it was "
                    + "assembled from parts of other values", e);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /**
     * {@code sealed} with its data key re-wrapped under {@code target}; the value's ciphertext is
     * copied unchanged (it is not re-verified: reading it still checks its tag).
     */
    static byte[] rewrap(IntFunction<Kek> keks, Kek target, SecureRandom random, String keyspace, byte[] keyspaceUtf8,
                         byte[] key, byte[] sealed) {
        Header h = header(sealed, keyspace, key);
        Aead wrap = h.algorithm().wrap();
        int n = wrap.nonceSize();
        byte[] ad = context(keyspaceUtf8, key);
        int loc = ad.length - HEADER;
        System.arraycopy(sealed, 0, ad, loc, HEADER);
        byte[] dek = unwrap(h, keks, keyspace, key, sealed, ad);
        try {
            byte[] out = sealed.clone();
            putInt(out, 2, target.version());
            putInt(ad, loc + 2, target.version());
            wrapDek(wrap, target, random, dek, ad, out);
            return out;
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    private static byte[] unwrap(Header h, IntFunction<Kek> keks, String keyspace, byte[] key, byte[] sealed, byte[] ad) {
        Kek kek = keks.apply(h.version());
        if (kek == null) {
            throw corrupt(keyspace, key, "was sealed under key version " + Integer.toUnsignedString(h.version())
                    + ", which the keyring lacks: open the store with that version in its Keyring (or the header was damaged)");
        }
        Aead wrap = h.algorithm().wrap();
        int n = wrap.nonceSize();
        try {
            if (wrap == Aead.XCHACHA20_POLY1305) {
                return kek.xchacha().open(sealed, HEADER, n + WRAPPED_DEK, ad, 0, ad.length);
            }
            return wrap.open(kek.key(), Arrays.copyOfRange(sealed, HEADER, HEADER + n), sealed, HEADER + n, WRAPPED_DEK,
                    ad, 0, ad.length);
        } catch (CorruptionException e) {
            throw corrupt(keyspace, key, "failed authentication of its data key under key version " + h.version()
                    + ": it was moved from another key or keyspace, its header, nonce or wrapped key was changed, "
                    + "or the key of version " + h.version() + " is not the one it was sealed with", e);
        }
    }

    /**
     * Writes the wrap nonce at {@link #HEADER} of {@code out} and {@code dek} wrapped under {@code kek}
     * right after it. XChaCha20-Poly1305 nonces come from the KEK's {@link dev.oxistore.encrypt.aead.XChaChaKey}
     * (random prefix and counter, subkey computed once per prefix); AES-GCM's are drawn at random.
     */
    private static void wrapDek(Aead wrap, Kek kek, SecureRandom random, byte[] dek, byte[] ad, byte[] out) {
        if (wrap == Aead.XCHACHA20_POLY1305) {
            kek.xchacha().seal(dek, 0, DEK_SIZE, ad, 0, ad.length, out, HEADER);
            return;
        }
        int n = wrap.nonceSize();
        byte[] nonce = new byte[n];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, HEADER, n);
        wrap.seal(kek.key(), nonce, dek, 0, DEK_SIZE, ad, 0, ad.length, out, HEADER + n);
    }

    /** A key check value: a nonce and the tag of an empty message under {@code kek}, bound to {@code record}. */
    static byte[] checkValue(Algorithm algorithm, Kek kek, SecureRandom random, byte[] record) {
        Aead wrap = algorithm.wrap();
        byte[] nonce = new byte[wrap.nonceSize()];
        random.nextBytes(nonce);
        byte[] tag = wrap.seal(kek.key(), nonce, new byte[0], checkAd(kek.version(), record));
        byte[] out = Arrays.copyOf(nonce, nonce.length + tag.length);
        System.arraycopy(tag, 0, out, nonce.length, tag.length);
        return out;
    }

    /** True when {@code check} was made by {@link #checkValue} with the same key, version and record. */
    static boolean verifyCheckValue(Algorithm algorithm, Kek kek, byte[] record, byte[] check) {
        Aead wrap = algorithm.wrap();
        int n = wrap.nonceSize();
        if (check.length != n + Aead.TAG_SIZE) {
            return false;
        }
        byte[] ad = checkAd(kek.version(), record);
        try {
            wrap.open(kek.key(), Arrays.copyOf(check, n), check, n, Aead.TAG_SIZE, ad, 0, ad.length);
            return true;
        } catch (CorruptionException e) {
            return false;
        }
    }

    private static byte[] checkAd(int version, byte[] record) {
        byte[] ad = Arrays.copyOf(CHECK_LABEL, CHECK_LABEL.length + 4 + record.length);
        putInt(ad, CHECK_LABEL.length, version);
        System.arraycopy(record, 0, ad, CHECK_LABEL.length + 4, record.length);
        return ad;
    }

    static CorruptionException corrupt(String keyspace, byte[] key, String what) {
        return corrupt(keyspace, key, what, null);
    }

    static CorruptionException corrupt(String keyspace, byte[] key, String what, Throwable cause) {
        return new CorruptionException("the sealed value of key " + Bytes.hex(key) + " in keyspace '" + keyspace
                + "' " + what + "; the value is not returned", cause);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
