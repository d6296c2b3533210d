package dev.oxistore.encrypt;

import dev.oxistore.kv.InvalidArgumentException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The versions of key-encryption key an {@link EncryptedKvStore} may use, each with its
 * {@link KeySource}, and the primary version new values are sealed under (the highest unless set).
 * Versions are positive integers; each sealed value records the version that wrapped its data
 * key. Open a store with every version its values still use: the store refuses to open when a
 * version it has recorded as active is missing, and checks each supplied key against its stored
 * key check value. Immutable.
 *
 * <pre>{@code
 * Keyring ring = Keyring.builder()
 *         .add(1, KeySource.passphrase(oldPassphrase))
 *         .add(2, KeySource.raw(keyFromVault))
 *         .build();                                   // primary: 2
 * }</pre>
 */
public final class Keyring {

    private final SortedMap<Integer, KeySource> sources;
    private final int primary;

    private Keyring(SortedMap<Integer, KeySource> sources, int primary) {
        this.sources = Collections.unmodifiableSortedMap(sources);
        this.primary = primary;
    }

    /** A keyring of one version. */
    public static Keyring of(int version, KeySource source) {
        return builder().add(version, source).build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The versions, ascending. */
    public SortedSet<Integer> versions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(sources.keySet()));
    }

    /** The version new values are sealed under. */
    public int primary() {
        return primary;
    }

    /** The sources by version. */
    SortedMap<Integer, KeySource> sources() {
        return sources;
    }

    @Override
    public String toString() {
        return "Keyring[versions=" + sources.keySet() + ", primary=" + primary + "]";
    }

    /** Builds a {@link Keyring}; each version may be added once. */
    public static final class Builder {
        private final SortedMap<Integer, KeySource> sources = new TreeMap<>();
        private Integer primary;

        private Builder() {
        }

        /**
         * Adds key version {@code version}.
         *
         * @throws InvalidArgumentException for a version below 1, a repeated version or a null source
         */
        public Builder add(int version, KeySource source) {
            checkVersion(version);
            if (source == null) {
                throw new InvalidArgumentException("key source of version " + version + " is null");
            }
            if (sources.containsKey(version)) {
                throw new InvalidArgumentException("key version " + version + " is added twice: add each version once");
            }
            sources.put(version, source);
            return this;
        }

        /** Makes {@code version} the primary instead of the highest. */
        public Builder primary(int version) {
            if (primary != null) {
                throw new InvalidArgumentException("primary is set twice (" + primary + " and " + version + "): set it once");
            }
            primary = version;
            return this;
        }

        /**
         * Builds the keyring.
         *
         * @throws InvalidArgumentException when it is empty or the primary is not one of its versions
         */
        public Keyring build() {
            if (sources.isEmpty()) {
                throw new InvalidArgumentException("the keyring is empty: add at least one key version");
            }
            int p = primary == null ? sources.lastKey() : primary;
            if (!sources.containsKey(p)) {
                throw new InvalidArgumentException("primary version " + p + " is not in the keyring " + sources.keySet());
            }
            return new Keyring(new TreeMap<>(sources), p);
        }
    }

    static void checkVersion(int version) {
        if (version < 1) {
            throw new InvalidArgumentException("key versions are positive integers, got " + version);
        }
    }
}
