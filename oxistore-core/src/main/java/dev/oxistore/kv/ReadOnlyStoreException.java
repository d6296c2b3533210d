package dev.oxistore.kv;

/** A write was attempted on a store opened read-only. */
public final class ReadOnlyStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public ReadOnlyStoreException(String message) {
        super(ErrorCode.READ_ONLY, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public ReadOnlyStoreException(String message, Throwable cause) {
        super(ErrorCode.READ_ONLY, message, cause);
    }
}
