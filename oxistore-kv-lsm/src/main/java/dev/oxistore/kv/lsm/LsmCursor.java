package dev.oxistore.kv.lsm;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.TimedValue;
import java.util.NoSuchElementException;

/**
 * A lazy cursor over one keyspace at one sequence number: a merged source over the read state it
 * holds (memtables and a referenced table version, so compactions and flushes meanwhile change
 * nothing it sees), grouping the versions of each user key and resolving them. Releases the
 * state when closed or exhausted.
 */
final class LsmCursor implements KvCursor {

    private final Tree tree;
    private final Lifecycle life;
    private final long seq;
    private final long nowMillis;
    private final boolean reverse;
    private final Versions group = new Versions();
    private ReadState state;
    private Source source;
    private byte[] end;
    private KvEntry next;
    private long nextExpiresAt;

    /**
     * A cursor over keyspace {@code ks} (null for a keyspace the reader cannot see: empty) in
     * {@code state}, which the cursor now owns and releases. Unless {@code seq} is pinned, the
     * state must have been acquired before {@code seq} was read (see {@link Tree#get(ReadState, int, byte[], long, long)}).
     */
    LsmCursor(Tree tree, ReadState state, Keyspaces.Info ks, KeyRange range, long seq, long nowMillis, Lifecycle owner) {
        this.tree = tree;
        this.life = owner.child("the cursor is closed: start a new scan");
        this.seq = seq;
        this.nowMillis = nowMillis;
        this.reverse = range.isReverse();
        if (ks == null || range.isEmpty()) {
            tree.release(state);
            return;
        }
        int id = ks.id();
        byte[] from = range.from();
        byte[] to = range.to();
        byte[] low = InternalKey.first(id, from == null ? new byte[0] : from);
        byte[] high = to == null ? InternalKey.afterKeyspace(id) : InternalKey.first(id, to);
        this.state = state;
        this.source = state.merged(reverse);
        source.seek(reverse ? high : low);
        this.end = reverse ? low : high;
    }

    @Override
    public boolean hasNext() {
        life.ensureOpen();
        if (next != null) {
            return true;
        }
        if (state == null) {
            return false;
        }
        while (source.valid()) {
            byte[] first = source.key();
            int c = InternalKey.compare(first, end);
            if (reverse ? c < 0 : c >= 0) {
                break;
            }
            group.clear();
            while (source.valid() && InternalKey.sameUkey(source.key(), first)) {
                if (InternalKey.seq(source.key()) <= seq) {
                    group.add(source.key(), source.value());
                }
                source.advance();
            }
            if (group.isEmpty()) {
                continue;
            }
            if (reverse) {
                group.reverse();
            }
            byte[] userKey = InternalKey.userKey(first);
            TimedValue v = group.resolve(tree.config, userKey, nowMillis);
            if (v != null) {
                next = new KvEntry(userKey, v.value().clone());
                nextExpiresAt = v.expiresAt();
                return true;
            }
        }
        release();
        return false;
    }

    @Override
    public KvEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the cursor is exhausted: check hasNext() first");
        }
        KvEntry e = next;
        next = null;
        return e;
    }

    private void release() {
        if (state != null) {
            tree.release(state);
            state = null;
        }
    }

    @Override
    public void close() {
        life.close();
        release();
    }

    /** The keys of keyspace {@code ks} at {@code seq} whose value has expired at {@code nowMillis}. */
    static java.util.List<byte[]> expiredKeys(Tree tree, Keyspaces.Info ks, long seq, long nowMillis, Lifecycle owner) {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        try (LsmCursor c = new LsmCursor(tree, tree.acquire(), ks, KeyRange.all(), seq, Long.MIN_VALUE, owner)) {
            while (c.hasNext()) {
                if (dev.oxistore.kv.spi.Expiry.isExpired(c.nextExpiresAt, nowMillis)) {
                    out.add(c.next.key());
                }
                c.next = null;
            }
        }
        return out;
    }

    /** Counts the live keys of keyspace {@code ks} at {@code seq} in {@code state} (owned, released). */
    static long count(Tree tree, ReadState state, Keyspaces.Info ks, long seq, long nowMillis, Lifecycle owner) {
        long n = 0;
        try (LsmCursor c = new LsmCursor(tree, state, ks, KeyRange.all(), seq, nowMillis, owner)) {
            while (c.hasNext()) {
                c.next = null;
                n++;
            }
        }
        return n;
    }
}
