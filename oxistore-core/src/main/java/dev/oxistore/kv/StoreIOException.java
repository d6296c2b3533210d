package dev.oxistore.kv;

/** The operating system reported an I/O failure (wraps the IOException). */
public final class StoreIOException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public StoreIOException(String message) {
        super(ErrorCode.IO, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public StoreIOException(String message, Throwable cause) {
        super(ErrorCode.IO, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
