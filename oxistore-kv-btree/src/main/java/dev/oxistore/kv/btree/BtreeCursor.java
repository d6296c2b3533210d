package dev.oxistore.kv.btree;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.spi.Lifecycle;
import java.lang.ref.Cleaner;
import java.util.NoSuchElementException;
import org.h2.mvstore.Cursor;

/**
 * A lazy cursor over one keyspace of a {@link View}: an MVMap cursor on the view's frozen root,
 * so entries are read page by page as the caller advances and nothing is materialised. Expired
 * entries (at the clock reading taken when the cursor opened) are skipped; keys and values are
 * handed out as copies.
 *
 * <p>A cursor opened on the store holds a reference on its view (released on close, on reaching
 * the end, or by a {@link Cleaner} if the caller forgets to close it); one opened inside a
 * snapshot or transaction relies on its owner's reference.
 */
final class BtreeCursor implements KvCursor {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Lifecycle life;
    private final Cursor<byte[], byte[]> cursor;
    private final KeyRange range;
    private final long nowMillis;
    private final String where;
    private final Cleaner.Cleanable release;
    private KvEntry next;
    private boolean exhausted;

    /**
     * @param map       the keyspace's frozen map, or null when the keyspace does not exist in the view
     * @param heldView  a view reference this cursor owns and must release, or null
     */
    BtreeCursor(FrozenMap map, KeyRange range, long nowMillis, Lifecycle life, View heldView, String where) {
        this.life = life;
        this.range = range;
        this.nowMillis = nowMillis;
        this.where = where;
        this.release = heldView == null ? null : CLEANER.register(this, new Release(heldView));
        boolean ok = false;
        try {
            if (map == null || range.isEmpty()) {
                cursor = null;
                exhausted = true;
            } else {
                // MVStore's cursor starts at the given key (inclusive) in either direction; the
                // exclusive upper bound and the lower bound of a reverse scan are checked here.
                byte[] start = range.isReverse() ? range.to() : range.from();
                cursor = map.cursor(start, null, range.isReverse());
            }
            ok = true;
        } catch (RuntimeException | AssertionError e) {
            throw Errors.translate(e, where);
        } finally {
            if (!ok && release != null) {
                release.clean();
            }
        }
    }

    @Override
    public boolean hasNext() {
        life.ensureOpen();
        if (next == null && !exhausted) {
            next = advance();
            if (next == null) {
                exhausted = true;
                if (release != null) {
                    release.clean();
                }
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
        try {
            while (cursor.hasNext()) {
                byte[] key = cursor.next();
                if (key.length == 0) {
                    continue; // the map's stamp entry (see Layout), never a user key
                }
                if (range.isAbove(key)) {
                    if (range.isReverse()) {
                        continue; // the start key of a reverse scan is the exclusive bound itself
                    }
                    return null;
                }
                if (range.isBelow(key)) {
                    return null; // only reachable in reverse
                }
                byte[] stored = cursor.getValue();
                if (Records.live(stored, nowMillis)) {
                    return new KvEntry(key.clone(), Records.payload(stored));
                }
            }
            return null;
        } catch (RuntimeException | AssertionError e) {
            throw Errors.translate(e, where);
        }
    }

    @Override
    public void close() {
        if (life.close() && release != null) {
            release.clean();
        }
    }

    @Override
    public String toString() {
        return "BtreeCursor[" + range + (exhausted ? ", done" : "") + "]";
    }

    /** Drops the view reference; runs once (close, end of scan, or the cleaner). */
    private record Release(View view) implements Runnable {
        @Override
        public void run() {
            view.release();
        }
    }
}
