package dev.oxistore.kv;

/** Another process or open store instance holds the store's lock. */
public final class StoreLockedException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public StoreLockedException(String message) {
        super(ErrorCode.LOCKED, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public StoreLockedException(String message, Throwable cause) {
        super(ErrorCode.LOCKED, message, cause);
    }
}
