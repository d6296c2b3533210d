package dev.oxistore.encrypt;

import dev.oxistore.encrypt.aead.XChaChaKey;
import java.util.Arrays;

/**
 * A key-encryption key of one version, in memory. The array is shared by reference inside the
 * module and never handed out. {@link #xchacha()} is the same key as an {@link XChaChaKey}, which
 * draws the wrap nonces of {@link Algorithm#XCHACHA20_POLY1305} and keeps their HChaCha20 subkeys.
 */
record Kek(int version, byte[] key, XChaChaKey xchacha) {

    Kek(int version, byte[] key) {
        this(version, key, XChaChaKey.of(key));
    }

    /** Overwrites the key bytes and derived subkeys (best effort: the JVM may have copied them). */
    void wipe() {
        Arrays.fill(key, (byte) 0);
        xchacha.wipe();
    }

    @Override
    public String toString() {
        return "Kek[version=" + version + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
