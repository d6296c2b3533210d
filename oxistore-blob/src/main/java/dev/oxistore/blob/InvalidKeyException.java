package dev.oxistore.blob;

import dev.oxistore.kv.InvalidArgumentException;
import java.io.Serial;

/**
 * A blob key or prefix breaks the key rules of {@link BlobKeys}; the message names the key, the
 * rule it breaks and what is allowed.
 */
public final class InvalidKeyException extends InvalidArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;

    /** Creates the exception for {@code key} (as given, possibly null) with a message saying what is allowed. */
    public InvalidKeyException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The rejected key as given (may be null). */
    public String key() {
        return key;
    }
}
