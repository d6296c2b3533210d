package dev.oxistore.blob;

import dev.oxistore.kv.InvalidArgumentException;

/**
 * The condition a write checks atomically against the current object before it replaces it;
 * a failed check raises {@link PreconditionFailedException} and writes nothing.
 */
public sealed interface Precondition {

    /** No condition: the write replaces whatever is there. */
    record None() implements Precondition {
    }

    /** The key must have no object (HTTP {@code If-None-Match: *}). */
    record IfAbsent() implements Precondition {
    }

    /** The key must have an object whose ETag is {@code etag} (HTTP {@code If-Match}). */
    record IfMatch(String etag) implements Precondition {
        /** Checks the ETag. */
        public IfMatch {
            if (etag == null || etag.isEmpty()) {
                throw new InvalidArgumentException("ifMatch needs the ETag of the object as read by head(); got "
                        + (etag == null ? "null" : "an empty string"));
            }
        }
    }

    /** No condition. */
    static Precondition none() {
        return new None();
    }

    /** The key must be absent. */
    static Precondition ifAbsent() {
        return new IfAbsent();
    }

    /** The object must have ETag {@code etag}. */
    static Precondition ifMatch(String etag) {
        return new IfMatch(etag);
    }

    /**
     * Checks this condition against the current ETag of {@code key} ({@code null} when absent);
     * for backends.
     *
     * @throws PreconditionFailedException when the condition does not hold
     */
    default void check(String key, String currentEtag) {
        switch (this) {
            case None n -> {
            }
            case IfAbsent a -> {
                if (currentEtag != null) {
                    throw new PreconditionFailedException(key, "'" + key + "' already exists (ETag " + currentEtag
                            + ") and the write asked for ifAbsent; nothing was written");
                }
            }
            case IfMatch m -> {
                if (currentEtag == null) {
                    throw new PreconditionFailedException(key, "'" + key + "' does not exist and the write asked for ifMatch("
                            + m.etag() + "); nothing was written");
                }
                if (!currentEtag.equals(m.etag())) {
                    throw new PreconditionFailedException(key, "'" + key + "' has ETag " + currentEtag
                            + ", not " + m.etag() + " as the write asked (another writer changed it); nothing was written");
                }
            }
        }
    }
}
