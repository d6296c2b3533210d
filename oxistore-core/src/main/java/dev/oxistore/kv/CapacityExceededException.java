package dev.oxistore.kv;

/** A configured limit (memory budget, disk space, quota) was reached. */
public final class CapacityExceededException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public CapacityExceededException(String message) {
        super(ErrorCode.CAPACITY, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public CapacityExceededException(String message, Throwable cause) {
        super(ErrorCode.CAPACITY, message, cause);
    }
}
