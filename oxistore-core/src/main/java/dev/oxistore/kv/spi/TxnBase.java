package dev.oxistore.kv.spi;

/**
 * What an engine supplies to run a {@link SnapshotTxn}: the view as of the transaction's start,
 * and the atomic commit of its buffered writes.
 */
public interface TxnBase extends ReadView {

    /**
     * Applies every write of {@code writes} atomically, as one commit visible all at once.
     * Engines count the writes and deletes in {@link MetricsRecorder}; {@link SnapshotTxn}
     * counts the commit or the conflict. Called at most once.
     *
     * @throws dev.oxistore.kv.TxnConflictException when another commit wrote one of these keys
     *         after this view was taken; nothing is applied then
     */
    void commit(TxnWriteSet writes);

    /** Releases the view (unpins its version); called exactly once when the transaction ends. */
    void release();
}
