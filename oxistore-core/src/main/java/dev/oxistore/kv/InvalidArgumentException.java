package dev.oxistore.kv;

/**
 * Bad input: a null, empty or oversized key, an inverted range, an unknown option, a failing merge operator.
 * Non-sealed so other modules can name a specific case (the blob store's {@code InvalidKeyException}).
 */
public non-sealed class InvalidArgumentException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public InvalidArgumentException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public InvalidArgumentException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
