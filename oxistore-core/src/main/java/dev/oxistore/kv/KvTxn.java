package dev.oxistore.kv;

/**
 * A snapshot-isolation transaction over a whole store, across keyspaces. Reads see the store as
 * of {@link KvStore#begin()} plus this transaction's own writes (scans included); writes are
 * buffered and become visible atomically at {@link #commit()}.
 *
 * <p>Rules: {@code commit()} raises {@link TxnConflictException} when any other write — a
 * transaction, a batch or a plain put, delete or merge — was committed to a key this one writes
 * after this one began (first committer wins), and then nothing of this one is applied; the
 * conflict is raised by {@code commit()}, never by the buffered write itself; reading a key that
 * another writer changed meanwhile is not a conflict (snapshot isolation, not serializability); {@link #rollback()} discards everything; after commit or
 * rollback every method raises {@link StoreClosedException}; {@link #close()} rolls back a
 * transaction that was not committed, and is harmless after commit. Not thread-safe: one thread
 * at a time.
 */
public interface KvTxn extends KvReadWriter, AutoCloseable {

    /** This transaction's view of keyspace {@code name} (created on commit if it is new). */
    KvReadWriter keyspace(String name);

    /**
     * Applies every buffered write atomically, durable per the store's {@link Durability}.
     *
     * @throws TxnConflictException on a write-write conflict; retry the whole transaction
     */
    void commit();

    /** Discards every buffered write. */
    void rollback();

    /** Rolls back unless committed. */
    @Override
    void close();
}
