package dev.oxistore.encrypt;

import java.util.Arrays;

/**
 * A key-encryption key of one version, in memory. The array is shared by reference inside the
 * module and never handed out.
 */
record Kek(int version, byte[] key) {

    /** Overwrites the key bytes (best effort: the JVM may have copied them). */
    void wipe() {
        Arrays.fill(key, (byte) 0);
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
