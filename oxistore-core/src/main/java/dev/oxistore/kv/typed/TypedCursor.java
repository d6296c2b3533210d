package dev.oxistore.kv.typed;

import dev.oxistore.kv.KvCursor;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link KvCursor} that decodes each entry as the caller reaches it: lazy, forward-only, with
 * the rules of {@code KvCursor} (close it; after {@code close()} it raises
 * {@link dev.oxistore.kv.StoreClosedException}). An entry that does not decode raises
 * {@link dev.oxistore.kv.CorruptionException} from {@link #next()}.
 */
public final class TypedCursor<K, V> implements Iterator<TypedEntry<K, V>>, AutoCloseable {

    private final KvCursor cursor;
    private final TypedKvStore<K, V> store;

    TypedCursor(KvCursor cursor, TypedKvStore<K, V> store) {
        this.cursor = cursor;
        this.store = store;
    }

    /** True when another entry is available. */
    @Override
    public boolean hasNext() {
        return cursor.hasNext();
    }

    /**
     * The next entry, decoded.
     *
     * @throws java.util.NoSuchElementException when there is none
     * @throws dev.oxistore.kv.CorruptionException when its key or value does not decode
     */
    @Override
    public TypedEntry<K, V> next() {
        return store.decode(cursor.next());
    }

    /** Closes the underlying cursor; harmless when called again. */
    @Override
    public void close() {
        cursor.close();
    }

    /** The remaining entries as a sequential stream; closing the stream closes this cursor. */
    public Stream<TypedEntry<K, V>> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }
}
