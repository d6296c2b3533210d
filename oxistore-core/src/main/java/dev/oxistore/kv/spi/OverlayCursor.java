package dev.oxistore.kv.spi;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Read-your-writes scans: merges a transaction's buffered writes ({@link TxnWriteSet}) over a
 * base cursor of the same range and direction, lazily, one entry of each side at a time. A
 * buffered put replaces or adds its key, a buffered delete or an expired put hides it. The
 * base is any {@link KvCursor} yielding live entries in range order (an engine's snapshot cursor,
 * an MVStore map cursor, ...). Writes made to the set after the cursor opened are not seen.
 * Closing this cursor closes the base; so does running off the end.
 */
public final class OverlayCursor implements KvCursor {

    private final KvCursor base;
    private final TxnWriteSet writes;
    private final Iterator<Map.Entry<byte[], TxnWriteSet.Write>> overlay;
    private final long atVersion;
    private final int direction;
    private final long nowMillis;
    private final Lifecycle life;
    private KvEntry baseNext;
    private byte[] overlayKey;
    private TxnWriteSet.Write overlayWrite;
    private KvEntry next;
    private boolean released;

    /**
     * Opens the merged cursor.
     *
     * @param base      live entries of {@code range} in its direction; owned (closed) by this cursor
     * @param writes    the transaction's buffered writes
     * @param keyspace  the keyspace scanned
     * @param range     the range scanned (its direction decides the merge order)
     * @param nowMillis the clock reading against which buffered puts expire
     * @param owner     the transaction; once it or its store is closed this cursor raises
     *                  {@link dev.oxistore.kv.StoreClosedException}
     */
    public OverlayCursor(KvCursor base, TxnWriteSet writes, String keyspace, KeyRange range, long nowMillis,
                         Lifecycle owner) {
        this.base = base;
        this.writes = writes;
        this.direction = range.isReverse() ? -1 : 1;
        this.nowMillis = nowMillis;
        this.life = owner.child("the cursor is closed: start a new scan");
        ConcurrentSkipListMap<byte[], TxnWriteSet.Write> map = writes.map(keyspace);
        this.overlay = map == null ? Collections.emptyIterator() : RangeViews.slice(map, range).entrySet().iterator();
        this.atVersion = writes.openCursor();
    }

    @Override
    public boolean hasNext() {
        life.ensureOpen();
        if (next == null && !released) {
            next = advance();
            if (next == null) {
                release();
            }
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

    private KvEntry advance() {
        for (;;) {
            if (baseNext == null && base.hasNext()) {
                baseNext = base.next();
            }
            if (overlayKey == null) {
                peekOverlay();
            }
            if (baseNext == null && overlayKey == null) {
                return null;
            }
            int c = baseNext == null ? 1 : overlayKey == null ? -1 : direction * Bytes.compare(baseNext.key(), overlayKey);
            if (c < 0) {
                KvEntry e = baseNext;
                baseNext = null;
                return e;
            }
            if (c == 0) {
                baseNext = null; // the buffered write shadows the base entry
            }
            byte[] key = overlayKey;
            TxnWriteSet.Write w = overlayWrite;
            overlayKey = null;
            overlayWrite = null;
            if (w.isLiveAt(nowMillis)) {
                return new KvEntry(key.clone(), w.value().clone());
            }
        }
    }

    private void peekOverlay() {
        while (overlay.hasNext()) {
            Map.Entry<byte[], TxnWriteSet.Write> e = overlay.next();
            TxnWriteSet.Write w = e.getValue().asOf(atVersion);
            if (w != null) {
                overlayKey = e.getKey();
                overlayWrite = w;
                return;
            }
        }
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
            writes.closeCursor();
            base.close();
        }
    }
}
