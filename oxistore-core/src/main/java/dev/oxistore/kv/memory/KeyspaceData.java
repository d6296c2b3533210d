package dev.oxistore.kv.memory;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.spi.Expiry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

/**
 * The entries of one keyspace: a sorted map from key to its newest {@link Version}, plus the
 * figures that make {@code count()} cheap. Only the committer changes it, under the commit lock;
 * readers go lock-free through the map.
 *
 * <p>{@link #liveCount} counts keys whose newest version is a value (expired or not) and
 * {@link #expiries} indexes those with an expiry, so the live count of the newest state is
 * {@code liveCount - expiries.expiredCount(now)}. {@link #lastWriteSeq} is the newest sequence
 * number written here: a view pinned at or above it sees the newest state, so its count is cheap
 * too (checked seqlock-style against a concurrent writer).
 */
final class KeyspaceData {

    final String name;
    final ConcurrentSkipListMap<byte[], Version> map = new ConcurrentSkipListMap<>(Bytes.ORDER);
    final ExpiryIndex expiries = new ExpiryIndex();
    private volatile long liveCount;
    private volatile long versions;
    private volatile long lastWriteSeq;
    private volatile boolean listed;

    KeyspaceData(String name) {
        this.name = name;
    }

    /** True when the keyspace holds or held data since it was last dropped. */
    boolean isListed() {
        return listed;
    }

    void unlist() {
        listed = false;
    }

    /** The number of versions retained in all chains of this keyspace. */
    long versions() {
        return versions;
    }

    /**
     * The newest committed version of {@code key} for an unpinned reader. The head is it unless
     * the head belongs to a commit still being applied; then the version below it is, provided
     * no commit became visible meanwhile (after one does, pruning may unlink that version, so
     * the read starts again from the new head).
     */
    Version latest(byte[] key, LongSupplier visibleSeq) {
        for (;;) {
            Version head = map.get(key);
            if (head == null) {
                return null;
            }
            long seq = visibleSeq.getAsLong();
            if (head.seq <= seq) {
                return head;
            }
            Version below = VersionChain.visibleAt(head.next, seq); // null: the key is born in that commit
            if (visibleSeq.getAsLong() == seq) {
                return below;
            }
        }
    }

    /**
     * Writes {@code value} (null: a tombstone) as the newest version of {@code key} at
     * {@code seq}. A delete of a key that is absent or already a tombstone writes nothing.
     * Call under the commit lock; {@code key} and {@code value} become owned by the store.
     *
     * @return true when a version was written
     */
    boolean apply(byte[] key, byte[] value, long expiresAt, long seq) {
        Version head = map.get(key);
        boolean wasLive = head != null && !head.isTombstone();
        if (value == null && !wasLive) {
            return false;
        }
        lastWriteSeq = seq; // before any change, so a seqlock reader notices
        Version older = head;
        long added = 1;
        if (head != null && head.seq == seq) {
            older = head.next; // the same commit writes the key again: replace, not stack
            added = 0;
        }
        map.put(key, new Version(seq, value, expiresAt, older));
        versions += added;
        if (wasLive && head.expiresAt != Expiry.NEVER) {
            expiries.remove(head.expiresAt, key);
        }
        if (value != null) {
            if (expiresAt != Expiry.NEVER) {
                expiries.add(expiresAt, key);
            }
            listed = true;
        }
        liveCount += (value != null ? 1 : 0) - (wasLive ? 1 : 0);
        return true;
    }

    /**
     * Drops the versions of {@code key} that no reader can see, and the key itself when all that
     * is left is a tombstone everyone sees. Call under the commit lock.
     */
    void prune(byte[] key, PinRegistry.PinSet pins) {
        Version head = map.get(key);
        if (head != null) {
            prune(key, head, pins);
        }
    }

    private void prune(byte[] key, Version head, PinRegistry.PinSet pins) {
        versions -= VersionChain.prune(head, pins);
        if (VersionChain.isReclaimable(head, pins.horizon()) && map.remove(key, head)) {
            versions--;
        }
    }

    /** Prunes every chain of the keyspace. Call under the commit lock. */
    void pruneAll(PinRegistry.PinSet pins) {
        for (Map.Entry<byte[], Version> e : map.entrySet()) {
            prune(e.getKey(), e.getValue(), pins);
        }
    }

    /** The live keys of the newest state at {@code nowMillis}. */
    long count(long nowMillis) {
        return liveCount - expiries.expiredCount(nowMillis);
    }

    /** The live keys seen by a reader pinned at {@code seq} at {@code nowMillis}. */
    long countAt(long seq, long nowMillis) {
        long written = lastWriteSeq;
        if (written <= seq) {
            long n = count(nowMillis);
            if (lastWriteSeq == written) {
                return n;
            }
        }
        long n = 0; // the keyspace changed after the pin: count the pinned versions
        for (Version head : map.values()) {
            Version v = VersionChain.visibleAt(head, seq);
            if (v != null && v.isLiveAt(nowMillis)) {
                n++;
            }
        }
        return n;
    }

    /** Every key whose newest version is a value (for purging a dropped keyspace). */
    List<byte[]> liveKeys() {
        List<byte[]> keys = new ArrayList<>();
        map.forEach((k, head) -> {
            if (!head.isTombstone()) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Forgets everything (on store close). */
    void clear() {
        map.clear();
        expiries.clear();
        liveCount = 0;
        versions = 0;
    }

    /**
     * Checks the keyspace's invariants, adding a line per problem. Call under the commit lock.
     *
     * @return the number of versions checked
     */
    long verify(long maxSeq, List<String> problems) {
        long checked = 0;
        long live = 0;
        long withExpiry = 0;
        for (Map.Entry<byte[], Version> e : map.entrySet()) {
            String where = "keyspace '" + name + "' key " + Bytes.hex(e.getKey());
            Version head = e.getValue();
            checked += VersionChain.verify(where, head, maxSeq, problems);
            if (!head.isTombstone()) {
                live++;
                if (head.expiresAt != Expiry.NEVER) {
                    withExpiry++;
                    if (!expiries.contains(head.expiresAt, e.getKey())) {
                        problems.add(where + ": expires at " + head.expiresAt + " but is missing from the expiry index");
                    }
                }
            }
        }
        if (live != liveCount) {
            problems.add("keyspace '" + name + "': live count is " + liveCount + " but " + live + " keys hold a value");
        }
        if (withExpiry != expiries.size()) {
            problems.add("keyspace '" + name + "': the expiry index has " + expiries.size() + " entries but "
                    + withExpiry + " keys have an expiry");
        }
        if (checked != versions) {
            problems.add("keyspace '" + name + "': " + checked + " versions retained but the counter says " + versions);
        }
        if (lastWriteSeq > maxSeq) {
            problems.add("keyspace '" + name + "': last write seq " + lastWriteSeq + " is above the last committed seq " + maxSeq);
        }
        return checked;
    }

    @Override
    public String toString() {
        return "KeyspaceData[" + name + ", keys=" + map.size() + ", live=" + liveCount + ", versions=" + versions
                + ", lastWrite=" + lastWriteSeq + "]";
    }
}
