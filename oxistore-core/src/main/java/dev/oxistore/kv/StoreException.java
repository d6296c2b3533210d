package dev.oxistore.kv;

/**
 * The root of every error OxiStore raises. Unchecked; each subclass names one kind of failure
 * and carries a stable {@link ErrorCode}. Messages say what went wrong and what to do about it.
 */
public sealed class StoreException extends RuntimeException
        permits InvalidArgumentException, NotFoundException, CorruptionException,
                TxnConflictException, ReadOnlyStoreException, StoreClosedException,
                CapacityExceededException, UnsupportedFeatureException, StoreIOException,
                EngineUnavailableException, WrongEngineException, StoreLockedException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    protected StoreException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code of this failure. */
    public ErrorCode code() {
        return code;
    }

    /** True when repeating the same operation may succeed (conflicts, transient I/O). */
    public boolean isRetryable() {
        return false;
    }
}
