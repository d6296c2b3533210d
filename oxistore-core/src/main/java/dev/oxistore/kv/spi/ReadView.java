package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;

/**
 * A consistent point-in-time view of every keyspace of a store, as an engine provides it to the
 * shared {@link ViewSnapshot} and {@link SnapshotTxn}. Keys are already validated and expiry is
 * judged against the {@code nowMillis} the caller passes, so one operation uses one clock reading.
 * A keyspace the view does not know reads as empty. Implementations are thread-safe.
 */
public interface ReadView {

    /**
     * The live value of {@code key} in {@code keyspace}, or {@code null} when absent or expired
     * at {@code nowMillis}. The array may be the engine's own (see {@link TimedValue}).
     */
    TimedValue read(String keyspace, byte[] key, long nowMillis);

    /**
     * A lazy cursor over the live entries of {@code range}, in its direction, yielding copies.
     * The cursor raises {@link dev.oxistore.kv.StoreClosedException} once {@code owner} (the
     * snapshot or transaction that opened it, or an ancestor) is closed.
     */
    KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle owner);

    /** The number of live keys of {@code keyspace} at {@code nowMillis}. */
    long count(String keyspace, long nowMillis);
}
