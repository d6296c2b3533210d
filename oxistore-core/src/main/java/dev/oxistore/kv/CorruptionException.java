package dev.oxistore.kv;

/**
 * Stored bytes failed a checksum or a structural check; the data is not returned. Non-sealed so
 * other modules can name a specific case (the blob store's {@code ChecksumMismatchException}).
 */
public non-sealed class CorruptionException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public CorruptionException(String message) {
        super(ErrorCode.CORRUPTION, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public CorruptionException(String message, Throwable cause) {
        super(ErrorCode.CORRUPTION, message, cause);
    }
}
