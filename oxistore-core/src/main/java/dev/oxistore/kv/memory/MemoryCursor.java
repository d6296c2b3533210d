package dev.oxistore.kv.memory;

import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.spi.Lifecycle;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A lazy walk over a range view of a keyspace's map at one pinned sequence number: each step
 * takes the next map entry, finds the version visible at the pin, and skips tombstones and
 * expired values. The skip list's iterators are weakly consistent, which is enough: keys added
 * after the pin only hold newer versions, and keys removed were tombstones to this reader.
 */
final class MemoryCursor implements KvCursor {

    private final Iterator<Map.Entry<byte[], Version>> entries;
    private final long seq;
    private final long nowMillis;
    private final Lifecycle life;
    private final Runnable release;
    private KvEntry next;
    private boolean released;

    /**
     * @param release what to run once when the cursor is closed or exhausted (unpin), or null
     */
    MemoryCursor(Iterator<Map.Entry<byte[], Version>> entries, long seq, long nowMillis, Lifecycle owner,
                 Runnable release) {
        this.entries = entries;
        this.seq = seq;
        this.nowMillis = nowMillis;
        this.life = owner.child("the cursor is closed: start a new scan");
        this.release = release;
    }

    @Override
    public boolean hasNext() {
        life.ensureOpen();
        if (next == null && !released) {
            while (entries.hasNext()) {
                Map.Entry<byte[], Version> e = entries.next();
                Version v = VersionChain.visibleAt(e.getValue(), seq);
                if (v != null && v.isLiveAt(nowMillis)) {
                    next = new KvEntry(e.getKey().clone(), v.value.clone());
                    return true;
                }
            }
            release();
        }
        return next != null;
    }

    @Override
    public KvEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the scan has no more entries");
        }
        KvEntry e = next;
        next = null;
        return e;
    }

    @Override
    public void close() {
        if (life.close()) {
            release();
        }
    }

    private void release() {
        if (!released) {
            released = true;
            if (release != null) {
                release.run();
            }
        }
    }
}
