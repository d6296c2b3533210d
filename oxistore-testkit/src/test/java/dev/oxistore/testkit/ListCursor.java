package dev.oxistore.testkit;

import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.StoreClosedException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A cursor over a list already read, honouring the cursor rules (closed means closed). */
final class ListCursor implements KvCursor {
    private final Iterator<KvEntry> entries;
    private boolean closed;

    ListCursor(List<KvEntry> entries) {
        this.entries = entries.iterator();
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            throw new StoreClosedException("cursor closed");
        }
        return entries.hasNext();
    }

    @Override
    public KvEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KvEntry e = entries.next();
        return new KvEntry(e.key().clone(), e.value().clone());
    }

    @Override
    public void close() {
        closed = true;
    }
}
