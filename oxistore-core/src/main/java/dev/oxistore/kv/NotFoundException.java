package dev.oxistore.kv;

/** A store path, keyspace or backup that was named does not exist. */
public final class NotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public NotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
