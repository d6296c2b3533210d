package dev.oxistore.kv;

/**
 * A transaction's commit found that another transaction committed a write to one of the same
 * keys after this one began (a write-write conflict under snapshot isolation). Nothing of the
 * losing transaction was applied; running it again from the start may succeed, which is what
 * {@link KvStore#inTransaction(java.util.function.Function)} does. Non-sealed so other modules can
 * name their own optimistic-concurrency failures (the blob store's {@code PreconditionFailedException}).
 */
public non-sealed class TxnConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the conflicting key. */
    public TxnConflictException(String message) {
        super(ErrorCode.CONFLICT, message, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
