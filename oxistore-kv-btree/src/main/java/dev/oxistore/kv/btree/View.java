package dev.oxistore.kv.btree;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.ReadView;
import dev.oxistore.kv.spi.TimedValue;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVStore;

/**
 * One published state of the whole store: a frozen root per keyspace plus the TTL index, all
 * taken at the same commit sequence number. Readers, cursors, snapshots and transactions read a
 * view, so a batch is visible in every keyspace at once or not at all.
 *
 * <p>A view pins the MVStore version it was taken in ({@code registerVersionUsage}), so the
 * chunks its pages live in are not reused while anyone holds it. The publisher holds one
 * reference; cursors, snapshots and transactions take another with {@link #tryAcquire()}; the
 * pin is released when the count drops to zero, or when the store closes.
 */
final class View implements ReadView {

    /** One keyspace as of this view. */
    record Ks(String name, int id, FrozenMap data) {
    }

    final long seq;
    final Map<String, Ks> keyspaces;
    final FrozenMap ttl;
    private final BtreeStore owner;
    private final MVStore.TxCounter pin;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicBoolean pinReleased = new AtomicBoolean();

    View(long seq, Map<String, Ks> keyspaces, FrozenMap ttl, BtreeStore owner, MVStore.TxCounter pin) {
        this.seq = seq;
        this.keyspaces = keyspaces;
        this.ttl = ttl;
        this.owner = owner;
        this.pin = pin;
    }

    Ks keyspace(String name) {
        return keyspaces.get(name);
    }

    /** Takes a reference; false when the view was already retired (take the newer one). */
    boolean tryAcquire() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one releases the version pin. */
    void release() {
        if (refs.decrementAndGet() == 0) {
            releasePin();
        }
    }

    /** Releases the version pin now (the last reference, or the store closing); runs once. */
    void releasePin() {
        if (pinReleased.compareAndSet(false, true)) {
            owner.unpin(this, pin);
        }
    }

    /** The stored value (raw, possibly expired) of {@code key} in {@code keyspace}, or null. */
    byte[] stored(String keyspace, byte[] key) {
        Ks k = keyspaces.get(keyspace);
        if (k == null) {
            return null;
        }
        try {
            return k.data().get(key);
        } catch (RuntimeException | AssertionError e) {
            throw Errors.translate(e, owner.where());
        }
    }

    @Override
    public TimedValue read(String keyspace, byte[] key, long nowMillis) {
        byte[] stored = stored(keyspace, key);
        if (!Records.live(stored, nowMillis)) {
            return null;
        }
        return new TimedValue(Records.payload(stored), Records.expiry(stored));
    }

    @Override
    public KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle ownerLife) {
        Ks k = keyspaces.get(keyspace);
        return new BtreeCursor(k == null ? null : k.data(), range, nowMillis,
                ownerLife.child("the cursor is closed: start a new scan"), null, owner.where());
    }

    @Override
    public long count(String keyspace, long nowMillis) {
        Ks k = keyspaces.get(keyspace);
        if (k == null) {
            return 0;
        }
        try {
            long size = k.data().sizeAsLong();
            if (size == 0) {
                return 0;
            }
            size -= Layout.stampEntries(k.data());
            if (size == 0 || ttl.sizeAsLong() <= Layout.stampEntries(ttl)) {
                return size;
            }
            // entries that expired but are not purged yet: a rank query on the TTL index, O(log n)
            long expired = ttl.countBelow(Records.ttlBound(k.id(), nowMillis + 1)) - ttl.countBelow(Records.ttlBound(k.id(), 0));
            return Math.max(0, size - expired);
        } catch (RuntimeException | AssertionError e) {
            throw Errors.translate(e, owner.where());
        }
    }
}
