package dev.oxistore.kv;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy, forward-only walk over the entries of a {@link KeyRange}, in the range's order.
 * Entries are fetched as the caller advances; no engine materialises the whole range.
 *
 * <p>Rules: a cursor must be closed (use try-with-resources); closing twice is harmless; after
 * {@code close()}, {@link #hasNext()} and {@link #next()} raise {@link StoreClosedException}; a
 * cursor opened on a store sees a consistent point-in-time view taken when it was opened, even
 * while other threads write; closing the store closes its cursors. Expired entries are skipped.
 */
public interface KvCursor extends Iterator<KvEntry>, AutoCloseable {

    /** True when another entry is available. */
    @Override
    boolean hasNext();

    /**
     * The next entry.
     *
     * @throws java.util.NoSuchElementException when there is none
     * @throws StoreClosedException when the cursor or its store is closed
     */
    @Override
    KvEntry next();

    /** Releases the cursor's resources; harmless when called again. */
    @Override
    void close();

    /** The remaining entries as a sequential stream; closing the stream closes this cursor. */
    default Stream<KvEntry> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }
}
