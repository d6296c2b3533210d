package dev.oxistore.kv.btree;

import org.h2.mvstore.MVMap;

/**
 * A read-only view of one MVMap at the root it had when the view was taken. MVMap is a
 * copy-on-write B-tree, so holding an old root is a true point-in-time snapshot with no copying;
 * MVMap's protected copy constructor shares the root, and the usual read methods
 * ({@code get}, {@code cursor}, {@code sizeAsLong}, {@code getKeyIndex}) then work on that root.
 * Never written to: writes go to the live map under the store's apply lock.
 */
final class FrozenMap extends MVMap<byte[], byte[]> {

    FrozenMap(MVMap<byte[], byte[]> live) {
        super(live);
    }

    /** The number of keys strictly less than {@code probe}, which must not itself be a key. */
    long countBelow(byte[] probe) {
        long index = getKeyIndex(probe);
        return index < 0 ? ~index : index;
    }
}
