package dev.oxistore.kv.memory;

import java.util.List;

/**
 * Operations on a key's chain of {@link Version}s, newest first with strictly descending
 * sequence numbers. The chain's head is the map value of its key in {@link KeyspaceData}.
 */
final class VersionChain {

    private VersionChain() {
    }

    /** The version a reader pinned at {@code seq} sees: the newest with {@code seq <= seq}, or null. */
    static Version visibleAt(Version head, long seq) {
        for (Version v = head; v != null; v = v.next) {
            if (v.seq <= seq) {
                return v;
            }
        }
        return null;
    }

    /**
     * Unlinks the versions no reader can reach any more. A version is visible to readers at the
     * sequence numbers from its own up to (excluding) that of the next newer version; the newest
     * one is what unpinned readers see, so it always stays; an older one stays only when some
     * pin falls in its range. Unlinking only redirects the {@code next} of versions that stay,
     * past versions nobody needs, so a reader walking the chain meanwhile (even from an unlinked
     * version) still meets every version a pin needs. Call under the commit lock.
     *
     * @return the number of versions unlinked
     */
    static int prune(Version head, PinRegistry.PinSet pins) {
        int dropped = 0;
        Version kept = head;
        long newerSeq = head.seq;
        for (Version v = head.next; v != null; ) {
            Version older = v.next;
            if (pins.anyIn(v.seq, newerSeq)) {
                if (kept.next != v) {
                    kept.next = v;
                }
                kept = v;
            } else {
                dropped++;
            }
            newerSeq = v.seq;
            v = older;
        }
        if (kept.next != null) {
            kept.next = null;
        }
        return dropped;
    }

    /**
     * True when nothing in the chain is needed any more: it is a lone tombstone that every reader
     * sees (written at or below the {@code horizon}, the oldest pin), so the key can leave the map.
     * Keeping tombstones newer than a pin keeps write-write conflicts of its transaction visible.
     */
    static boolean isReclaimable(Version head, long horizon) {
        return head.isTombstone() && head.seq <= horizon && head.next == null;
    }

    /** The number of versions in the chain. */
    static int length(Version head) {
        int n = 0;
        for (Version v = head; v != null; v = v.next) {
            n++;
        }
        return n;
    }

    /**
     * Checks the chain's invariants (sequence numbers strictly descending, none above
     * {@code maxSeq}), adding a line per problem.
     *
     * @return the number of versions checked
     */
    static int verify(String where, Version head, long maxSeq, List<String> problems) {
        int n = 0;
        long previous = Long.MAX_VALUE;
        for (Version v = head; v != null; v = v.next) {
            n++;
            if (v.seq >= previous) {
                problems.add(where + ": version " + n + " has seq " + v.seq + ", not below the newer " + previous);
            }
            if (v.seq > maxSeq) {
                problems.add(where + ": version seq " + v.seq + " is above the last committed seq " + maxSeq);
            }
            if (v.seq <= 0) {
                problems.add(where + ": version seq " + v.seq + " is not positive");
            }
            previous = v.seq;
        }
        return n;
    }
}
