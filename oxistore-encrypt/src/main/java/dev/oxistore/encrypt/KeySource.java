package dev.oxistore.encrypt;

import dev.oxistore.kv.InvalidArgumentException;

/**
 * Where one version of a key-encryption key comes from. Three kinds:
 *
 * <ul>
 *   <li>{@link #raw(byte[])}: 32 bytes the application holds (from a secret store or an HSM
 *       export). Nothing about it is stored but a key check value.</li>
 *   <li>{@link #passphrase(char[])}: PBKDF2-HMAC-SHA256 (the JDK's) over the passphrase's UTF-8
 *       bytes, with a random 16-byte salt drawn when the version is created and kept in the
 *       store's metadata keyspace with the iteration count, {@value #DEFAULT_ITERATIONS} by
 *       default (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).</li>
 *   <li>{@link #provider(KeyProvider)}: a random key wrapped by an external key manager; only the
 *       wrapped form is stored.</li>
 * </ul>
 *
 * <p>Factories copy their arguments; {@code toString()} never shows key material.
 */
public abstract sealed class KeySource permits KeySource.Raw, KeySource.Passphrase, KeySource.Provider {

    /** PBKDF2 iterations used by {@link #passphrase(char[])}: OWASP's 2023 recommendation for HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** The fewest PBKDF2 iterations accepted (for tests and tiny devices; use the default otherwise). */
    public static final int MIN_ITERATIONS = 10_000;

    private KeySource() {
    }

    /**
     * A raw 256-bit key.
     *
     * @throws InvalidArgumentException unless {@code key} is 32 bytes
     */
    public static KeySource raw(byte[] key) {
        if (key == null || key.length != 32) {
            throw new InvalidArgumentException("a raw key-encryption key is 32 bytes, got "
                    + (key == null ? "null" : key.length + " bytes") + ": draw one from SecureRandom or your key manager");
        }
        return new Raw(key.clone());
    }

    /** A key derived from {@code passphrase} with {@value #DEFAULT_ITERATIONS} PBKDF2-HMAC-SHA256 iterations. */
    public static KeySource passphrase(char[] passphrase) {
        return passphrase(passphrase, DEFAULT_ITERATIONS);
    }

    /**
     * A key derived from {@code passphrase} with {@code iterations} PBKDF2-HMAC-SHA256 iterations.
     * The count applies when the version is created; afterwards the count stored with the salt
     * is used, whatever is passed here.
     *
     * @throws InvalidArgumentException for an empty passphrase or fewer than {@value #MIN_ITERATIONS} iterations
     */
    public static KeySource passphrase(char[] passphrase, int iterations) {
        if (passphrase == null || passphrase.length == 0) {
            throw new InvalidArgumentException("the passphrase is empty: use a long, random passphrase");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new InvalidArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations, got "
                    + iterations + " (the default is " + DEFAULT_ITERATIONS + ")");
        }
        return new Passphrase(passphrase.clone(), iterations);
    }

    /** A random key wrapped by {@code provider}. */
    public static KeySource provider(KeyProvider provider) {
        if (provider == null) {
            throw new InvalidArgumentException("key provider is null");
        }
        return new Provider(provider);
    }

    /** The stored code of this kind (byte 2 of a key record). */
    abstract int kindCode();

    /** A human name of this kind, for messages. */
    abstract String kindName();

    @Override
    public String toString() {
        return "KeySource[" + kindName() + "]";
    }

    static final class Raw extends KeySource {
        final byte[] key;

        Raw(byte[] key) {
            this.key = key;
        }

        @Override
        int kindCode() {
            return 1;
        }

        @Override
        String kindName() {
            return "raw key";
        }
    }

    static final class Passphrase extends KeySource {
        final char[] passphrase;
        final int iterations;

        Passphrase(char[] passphrase, int iterations) {
            this.passphrase = passphrase;
            this.iterations = iterations;
        }

        @Override
        int kindCode() {
            return 2;
        }

        @Override
        String kindName() {
            return "passphrase";
        }
    }

    static final class Provider extends KeySource {
        final KeyProvider provider;

        Provider(KeyProvider provider) {
            this.provider = provider;
        }

        @Override
        int kindCode() {
            return 3;
        }

        @Override
        String kindName() {
            return "key provider " + provider.keyId();
        }
    }
}
