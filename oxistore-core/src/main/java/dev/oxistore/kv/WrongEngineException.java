package dev.oxistore.kv;

/** The path holds a store written by another engine than the one asked for. */
public final class WrongEngineException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do. */
    public WrongEngineException(String message) {
        super(ErrorCode.WRONG_ENGINE, message, null);
    }

    /** Creates the exception with a message and the underlying cause. */
    public WrongEngineException(String message, Throwable cause) {
        super(ErrorCode.WRONG_ENGINE, message, cause);
    }
}
