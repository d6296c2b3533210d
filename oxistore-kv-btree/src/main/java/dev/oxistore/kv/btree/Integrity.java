package dev.oxistore.kv.btree;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.spi.Expiry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;

/**
 * The integrity check: walks every page of every map from its root, so every page is read and
 * its checksums verified ({@link CheckedBytesType}), and checks the B-tree's structure (keys in
 * order within and across pages, each child's keys inside its parent's separators, subtree counts
 * that add up), every stored value's layout, and that the TTL index and the values' expiries
 * agree in both directions. Problems are collected, never thrown; a page that cannot be read is
 * reported and its subtree skipped.
 */
final class Integrity {

    private static final int MAX_PROBLEMS = 1000;

    /** A keyspace to check. */
    record Space(String name, int id, MVMap<byte[], byte[]> data) {
    }

    private final List<String> problems = new ArrayList<>();
    private int suppressed;
    private long entries;

    private Integrity() {
    }

    /** Checks the maps of {@code view} and the metadata map {@code meta}. */
    static IntegrityReport check(View view, MVMap<byte[], byte[]> meta) {
        List<Space> spaces = new ArrayList<>();
        for (View.Ks ks : view.keyspaces.values()) {
            spaces.add(new Space(ks.name(), ks.id(), ks.data()));
        }
        return check(spaces, view.ttl, meta, null);
    }

    /**
     * Checks the given maps; with {@code mv}, also MVStore's chunk catalogue.
     *
     * @return what was found
     */
    static IntegrityReport check(List<Space> spaces, MVMap<byte[], byte[]> ttl, MVMap<byte[], byte[]> meta, MVStore mv) {
        Integrity in = new Integrity();
        if (mv != null) {
            in.checkChunks(mv);
        }
        in.walk("metadata", meta, null);
        Map<Integer, Space> byId = new HashMap<>();
        Map<Integer, long[]> expiring = new HashMap<>();
        for (Space s : spaces) {
            byId.put(s.id(), s);
            long[] n = new long[1];
            expiring.put(s.id(), n);
            in.walk("keyspace '" + s.name() + "'", s.data(), (key, value) -> {
                if (key.length == 0) {
                    checkStamp(value);
                    return;
                }
                if (Records.expiry(value) != Expiry.NEVER) {
                    n[0]++;
                }
            });
        }
        Map<Integer, long[]> indexed = new HashMap<>();
        in.walk("TTL index", ttl, (tk, value) -> {
            if (tk.length == 0) {
                checkStamp(value);
                return;
            }
            int id = Records.ttlKeyspace(tk);
            Space s = byId.get(id);
            if (s == null) {
                in.problem("TTL index entry " + Bytes.hex(tk) + " names keyspace id " + id + ", which does not exist");
                return;
            }
            indexed.computeIfAbsent(id, k -> new long[1])[0]++;
            byte[] stored = s.data().get(Records.ttlUserKey(tk));
            if (stored == null || Records.expiry(stored) != Records.ttlExpiry(tk)) {
                in.problem("TTL index entry for key " + Bytes.hex(Records.ttlUserKey(tk)) + " of keyspace '" + s.name()
                        + "' expiring at " + Records.ttlExpiry(tk) + " does not match the stored value");
            }
        });
        for (Space s : spaces) {
            long values = expiring.get(s.id())[0];
            long index = indexed.getOrDefault(s.id(), new long[1])[0];
            if (values != index) {
                in.problem("keyspace '" + s.name() + "' has " + values + " values with an expiry but " + index
                        + " TTL index entries");
            }
        }
        List<String> out = new ArrayList<>(in.problems);
        if (in.suppressed > 0) {
            out.add("... and " + in.suppressed + " more problems");
        }
        return new IntegrityReport(in.entries, out);
    }

    private static void checkStamp(byte[] value) {
        if (value.length != 8) {
            throw new IllegalStateException("the stamp entry holds " + value.length + " bytes instead of 8");
        }
    }

    /** Checks one entry; may throw, which is reported as a problem of that entry. */
    @FunctionalInterface
    private interface EntryCheck {
        void check(byte[] key, byte[] value);
    }

    private void problem(String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        } else {
            suppressed++;
        }
    }

    private void checkChunks(MVStore mv) {
        try {
            for (Map.Entry<String, String> e : mv.getLayoutMap().entrySet()) {
                if (e.getKey().startsWith(DataUtils.LAYOUT_CHUNK)) {
                    Map<String, String> chunk = DataUtils.parseMap(e.getValue());
                    if (!chunk.containsKey("chunk") || !chunk.containsKey("block") || !chunk.containsKey("version")) {
                        problem("chunk metadata " + e.getKey() + " is incomplete: " + e.getValue());
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            Errors.rethrowUnlessMvStore(e);
            problem("the chunk catalogue cannot be read: " + e);
        }
    }

    private void walk(String what, MVMap<byte[], byte[]> map, EntryCheck check) {
        Page<byte[], byte[]> root;
        try {
            root = map.getRootPage();
        } catch (RuntimeException | AssertionError e) {
            Errors.rethrowUnlessMvStore(e);
            problem(what + ": root page unreadable: " + e.getMessage());
            return;
        }
        byte[][] last = new byte[1][];
        walkPage(what, root, null, null, last, check);
    }

    /** Walks a subtree whose keys must lie in [lo, hi); returns the number of entries found, or -1 when part of it was unreadable. */
    private long walkPage(String what, Page<byte[], byte[]> p, byte[] lo, byte[] hi, byte[][] last, EntryCheck check) {
        int keys = p.getKeyCount();
        for (int i = 0; i < keys; i++) {
            byte[] k = p.getKey(i);
            if ((lo != null && Bytes.compare(k, lo) < 0) || (hi != null && Bytes.compare(k, hi) >= 0)) {
                problem(what + ": key " + Bytes.hex(k) + " lies outside its parent's bounds");
            }
            if (i > 0 && Bytes.compare(p.getKey(i - 1), k) >= 0) {
                problem(what + ": keys out of order in a page at " + Long.toHexString(p.getPos()));
            }
        }
        if (p.isLeaf()) {
            for (int i = 0; i < keys; i++) {
                byte[] k = p.getKey(i);
                if (last[0] != null && Bytes.compare(last[0], k) >= 0) {
                    problem(what + ": key " + Bytes.hex(k) + " is out of order");
                }
                last[0] = k;
                entries++;
                if (check != null) {
                    try {
                        check.check(k, p.getValue(i));
                    } catch (RuntimeException | AssertionError e) {
                        Errors.rethrowUnlessMvStore(e);
                        problem(what + ": entry " + Bytes.hex(k) + ": " + e.getMessage());
                    }
                }
            }
            return keys;
        }
        int children = p.getRawChildPageCount();
        if (children != keys + 1) {
            problem(what + ": inner page at " + Long.toHexString(p.getPos()) + " has " + keys + " keys but " + children + " children");
            return -1;
        }
        long sum = 0;
        boolean complete = true;
        for (int i = 0; i < children; i++) {
            byte[] childLo = i == 0 ? lo : p.getKey(i - 1);
            byte[] childHi = i == keys ? hi : p.getKey(i);
            Page<byte[], byte[]> child;
            try {
                child = p.getChildPage(i);
            } catch (RuntimeException | AssertionError e) {
                Errors.rethrowUnlessMvStore(e);
                problem(what + ": page " + Long.toHexString(p.getChildPagePos(i)) + " unreadable: " + e.getMessage());
                complete = false;
                continue;
            }
            long n = walkPage(what, child, childLo, childHi, last, check);
            if (n < 0) {
                complete = false;
            } else {
                sum += n;
            }
        }
        if (complete && sum != p.getTotalCount()) {
            problem(what + ": inner page at " + Long.toHexString(p.getPos()) + " counts " + p.getTotalCount()
                    + " entries but its subtrees hold " + sum);
        }
        return complete ? sum : -1;
    }
}
