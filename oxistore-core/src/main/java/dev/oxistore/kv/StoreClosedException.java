package dev.oxistore.kv;

/** The store, snapshot, transaction or cursor was used after it was closed or finished. */
public final class StoreClosedException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public StoreClosedException(String message) {
        super(ErrorCode.CLOSED, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public StoreClosedException(String message, Throwable cause) {
        super(ErrorCode.CLOSED, message, cause);
    }
}
