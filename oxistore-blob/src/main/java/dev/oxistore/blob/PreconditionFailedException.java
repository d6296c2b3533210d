package dev.oxistore.blob;

import dev.oxistore.kv.TxnConflictException;
import java.io.Serial;

/**
 * A conditional write ({@link Precondition#ifAbsent()}, {@link Precondition#ifMatch(String)}) found
 * the object in another state: it exists, is absent, or has another ETag (HTTP 412 on the cloud
 * stores). Nothing was written. Re-read the object with {@link BlobStore#head(String)} and decide
 * again; repeating the same call unchanged fails the same way, so {@link #isRetryable()} is false.
 */
public final class PreconditionFailedException extends TxnConflictException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;

    /** Creates the exception for {@code key} with a message describing the state found. */
    public PreconditionFailedException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key of the conditional write. */
    public String key() {
        return key;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
