package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/** A base cursor for tests: the live entries of a sorted map in a range, recording whether it was closed. */
final class ListCursor implements KvCursor {

    private final Iterator<KvEntry> it;
    boolean closed;

    ListCursor(List<KvEntry> entries) {
        this.it = entries.iterator();
    }

    static ListCursor of(TreeMap<byte[], byte[]> map, KeyRange range) {
        NavigableMap<byte[], byte[]> view = RangeViews.slice(map, range);
        return new ListCursor(view.entrySet().stream().map(e -> new KvEntry(e.getKey().clone(), e.getValue().clone())).toList());
    }

    @Override
    public boolean hasNext() {
        return it.hasNext();
    }

    @Override
    public KvEntry next() {
        if (!it.hasNext()) {
            throw new NoSuchElementException();
        }
        return it.next();
    }

    @Override
    public void close() {
        closed = true;
    }
}
