package dev.oxistore.encrypt.aead;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEADs (authenticated encryption with associated data) OxiStore seals values with, all with
 * 256-bit keys and 16-byte tags. Sealed output is the ciphertext followed by the tag, as in
 * RFC 8439 and draft-irtf-cfrg-xchacha; the nonce is the caller's to store.
 *
 * <ul>
 *   <li>{@link #XCHACHA20_POLY1305}: 24-byte nonces, safe to draw at random for any number of
 *       messages under one key. Built per draft-irtf-cfrg-xchacha-03 from our HChaCha20 and the
 *       JDK's own {@code ChaCha20-Poly1305} cipher: subkey = HChaCha20(key, nonce[0..16]), then
 *       ChaCha20-Poly1305 under the subkey with the 12-byte nonce {@code 00000000 || nonce[16..24]}.</li>
 *   <li>{@link #CHACHA20_POLY1305}: RFC 8439 with 12-byte nonces (the JDK's cipher); random
 *       nonces are safe only up to about 2<sup>32</sup> messages per key.</li>
 *   <li>{@link #AES_256_GCM}: NIST SP 800-38D with 12-byte nonces (the JDK's cipher, with
 *       AES-NI where the CPU has it); the same 2<sup>32</sup> limit for random nonces.</li>
 * </ul>
 *
 * <p>These stateless forms compute the HChaCha20 subkey on every XChaCha20 call; a store that
 * seals many messages under one key uses {@link XChaChaKey}, which draws its own nonces and
 * reuses subkeys.
 *
 * <p>Every method is thread-safe: {@link Cipher} instances are pooled, one per operation in
 * flight. Opening fails with {@link CorruptionException} whenever the tag does not verify (a
 * changed ciphertext, nonce, tag or associated data, a truncation, or the wrong key); no
 * unauthenticated byte is ever returned.
 */
public enum Aead {

    /** XChaCha20-Poly1305 with 24-byte nonces. */
    XCHACHA20_POLY1305("XChaCha20-Poly1305", 24),
    /** ChaCha20-Poly1305 (RFC 8439) with 12-byte nonces. */
    CHACHA20_POLY1305("ChaCha20-Poly1305", 12),
    /** AES-256-GCM with 12-byte nonces and 16-byte tags. */
    AES_256_GCM("AES-256-GCM", 12);

    /** The key size of every AEAD here, in bytes. */
    public static final int KEY_SIZE = 32;
    /** The tag size of every AEAD here, in bytes. */
    public static final int TAG_SIZE = 16;

    static final CipherPool CHACHA = new CipherPool("ChaCha20-Poly1305");
    private static final CipherPool GCM = new CipherPool("AES/GCM/NoPadding");

    private final String displayName;
    private final int nonceSize;

    Aead(String displayName, int nonceSize) {
        this.displayName = displayName;
        this.nonceSize = nonceSize;
    }

    /** The nonce size in bytes. */
    public int nonceSize() {
        return nonceSize;
    }

    /** True when the running JDK provides the cipher this AEAD needs. */
    public boolean isAvailable() {
        return pool().available();
    }

    /**
     * Encrypts and authenticates {@code plaintext} with {@code aad} (may be null for none).
     *
     * @return ciphertext followed by the 16-byte tag
     * @throws InvalidArgumentException for a key or nonce of the wrong size
     */
    public byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
        if (plaintext == null) {
            throw new InvalidArgumentException("plaintext is null: pass an empty array to authenticate aad alone");
        }
        byte[] out = new byte[plaintext.length + TAG_SIZE];
        seal(key, nonce, plaintext, 0, plaintext.length, aad, 0, aad == null ? 0 : aad.length, out, 0);
        return out;
    }

    /**
     * Verifies and decrypts {@code sealed} (ciphertext followed by tag).
     *
     * @return the plaintext
     * @throws CorruptionException when authentication fails
     * @throws InvalidArgumentException for a key or nonce of the wrong size
     */
    public byte[] open(byte[] key, byte[] nonce, byte[] sealed, byte[] aad) {
        if (sealed == null) {
            throw new InvalidArgumentException("sealed input is null");
        }
        return open(key, nonce, sealed, 0, sealed.length, aad, 0, aad == null ? 0 : aad.length);
    }

    /**
     * Seals {@code in[inOff, inOff + inLen)} into {@code out} at {@code outOff}, authenticating
     * {@code aad[aadOff, aadOff + aadLen)}; {@code out} needs {@code inLen + 16} bytes from
     * {@code outOff} and must not overlap the input.
     *
     * @return the number of bytes written, {@code inLen + 16}
     */
    public int seal(byte[] key, byte[] nonce, byte[] in, int inOff, int inLen,
                    byte[] aad, int aadOff, int aadLen, byte[] out, int outOff) {
        checkKeyAndNonce(key, nonce);
        if (this == XCHACHA20_POLY1305) {
            byte[] subkey = HChaCha20.subkey(key, nonce, 0);
            try {
                return run(CHACHA, Cipher.ENCRYPT_MODE, subkey, xchachaInnerNonce(nonce), in, inOff, inLen,
                        aad, aadOff, aadLen, out, outOff);
            } finally {
                Arrays.fill(subkey, (byte) 0);
            }
        }
        return run(pool(), Cipher.ENCRYPT_MODE, key, nonce, in, inOff, inLen, aad, aadOff, aadLen, out, outOff);
    }

    /**
     * Opens {@code in[inOff, inOff + inLen)} (ciphertext followed by tag), authenticating
     * {@code aad[aadOff, aadOff + aadLen)}.
     *
     * @return the plaintext, {@code inLen - 16} bytes
     * @throws CorruptionException when authentication fails or the input is shorter than a tag
     */
    public byte[] open(byte[] key, byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, int aadOff, int aadLen) {
        checkKeyAndNonce(key, nonce);
        if (inLen < TAG_SIZE) {
            throw new CorruptionException(displayName + " input of " + inLen + " bytes is shorter than its "
                    + TAG_SIZE + "-byte tag: it was truncated");
        }
        byte[] out = new byte[inLen - TAG_SIZE];
        if (this == XCHACHA20_POLY1305) {
            byte[] subkey = HChaCha20.subkey(key, nonce, 0);
            try {
                run(CHACHA, Cipher.DECRYPT_MODE, subkey, xchachaInnerNonce(nonce), in, inOff, inLen,
                        aad, aadOff, aadLen, out, 0);
            } finally {
                Arrays.fill(subkey, (byte) 0);
            }
        } else {
            run(pool(), Cipher.DECRYPT_MODE, key, nonce, in, inOff, inLen, aad, aadOff, aadLen, out, 0);
        }
        return out;
    }

    @Override
    public String toString() {
        return displayName;
    }

    private CipherPool pool() {
        return this == AES_256_GCM ? GCM : CHACHA;
    }

    private void checkKeyAndNonce(byte[] key, byte[] nonce) {
        if (key == null || key.length != KEY_SIZE) {
            throw new InvalidArgumentException(displayName + " takes a " + KEY_SIZE + "-byte key, got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        if (nonce == null || nonce.length != nonceSize) {
            throw new InvalidArgumentException(displayName + " takes a " + nonceSize + "-byte nonce, got "
                    + (nonce == null ? "null" : nonce.length + " bytes"));
        }
    }

    /** The IETF ChaCha20-Poly1305 nonce of XChaCha20: four zero bytes, then the last 8 nonce bytes. */
    private static byte[] xchachaInnerNonce(byte[] nonce) {
        byte[] n = new byte[12];
        System.arraycopy(nonce, 16, n, 4, 8);
        return n;
    }

    /** One operation of the JDK cipher from {@code pool}, with tag failures as {@link CorruptionException}. */
    int run(CipherPool pool, int mode, byte[] key, byte[] nonce, byte[] in, int inOff, int inLen,
            byte[] aad, int aadOff, int aadLen, byte[] out, int outOff) {
        boolean gcm = pool == GCM;
        SecretKeySpec spec = new SecretKeySpec(key, gcm ? "AES" : "ChaCha20");
        AlgorithmParameterSpec params = gcm ? new GCMParameterSpec(TAG_SIZE * 8, nonce) : new IvParameterSpec(nonce);
        Cipher c = pool.take();
        try {
            try {
                c.init(mode, spec, params);
            } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
                // The JDK refuses to encrypt twice in a row with one key and nonce on one instance;
                // only deterministic callers (test vectors) get here: a fresh instance has no history.
                c = pool.fresh();
                c.init(mode, spec, params);
            }
            if (aadLen > 0) {
                c.updateAAD(aad, aadOff, aadLen);
            }
            int n = c.doFinal(in, inOff, inLen, out, outOff);
            pool.give(c);
            return n;
        } catch (AEADBadTagException e) {
            throw new CorruptionException(displayName + " authentication failed: the ciphertext, nonce, tag "
                    + "or associated data was changed, or the key is wrong; nothing was decrypted", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + displayName + " cipher failed unexpectedly", e);
        }
    }
}
