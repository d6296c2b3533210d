package dev.oxistore.encrypt;

import dev.oxistore.encrypt.aead.Aead;

/**
 * How {@link EncryptedKvStore} seals values: the AEAD that wraps each value's data key under a
 * key-encryption key, and the AEAD that seals the value under its data key. Each sealed value
 * records its algorithm's {@link #id()}, so a store may hold values of both and a store reopened
 * with another algorithm still reads the old ones.
 */
public enum Algorithm {

    /**
     * The default. Data keys are wrapped with XChaCha20-Poly1305 under 24-byte nonces made of a
     * random 16-byte prefix and a counter ({@link dev.oxistore.encrypt.aead.XChaChaKey}), safe for
     * any number of values under one key-encryption key; values are sealed with
     * ChaCha20-Poly1305 under their single-use data key (fast without AES hardware, constant-time).
     */
    XCHACHA20_POLY1305(1, Aead.XCHACHA20_POLY1305, Aead.CHACHA20_POLY1305),

    /**
     * AES-256-GCM for both steps, for FIPS-minded deployments and CPUs with AES-NI. Wrapping uses
     * random 12-byte nonces: rotate the key-encryption key well before 2<sup>32</sup> writes
     * (NIST SP 800-38D's bound for random nonces).
     */
    AES_256_GCM(2, Aead.AES_256_GCM, Aead.AES_256_GCM);

    private final int id;
    private final Aead wrap;
    private final Aead value;

    Algorithm(int id, Aead wrap, Aead value) {
        this.id = id;
        this.wrap = wrap;
        this.value = value;
    }

    /** The stable id stored in byte 1 of every sealed value. */
    public int id() {
        return id;
    }

    /** The AEAD that wraps data keys under a key-encryption key. */
    Aead wrap() {
        return wrap;
    }

    /** The AEAD that seals a value under its data key. */
    Aead value() {
        return value;
    }

    /** The algorithm with {@code id}, or null. */
    static Algorithm byId(int id) {
        for (Algorithm a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        return null;
    }

    /** True when the running JDK has every cipher this algorithm needs. */
    boolean isAvailable() {
        return wrap.isAvailable() && value.isAvailable();
    }
}
