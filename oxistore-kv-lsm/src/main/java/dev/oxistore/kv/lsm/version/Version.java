package dev.oxistore.kv.lsm.version;

import dev.oxistore.kv.lsm.LsmOptions;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.lsm.sst.TableReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable set of live tables by level. Level 0 holds flushed memtables, newest first, and
 * its tables may overlap; each deeper level holds tables sorted by key that do not overlap, and
 * never splits the versions of one user key over two tables. For any user key, every version in
 * a shallower level (or a newer level-0 table) is newer than every version deeper down, which is
 * what lets a point read stop at the first table that settles the key.
 *
 * <p>Reference-counted: the store holds the current version, and readers and compactions take a
 * reference for as long as they use its tables; a table is closed (and deleted once obsolete)
 * when no version lists it any more.
 */
public final class Version {

    public final List<List<TableReader>> levels;
    private final AtomicInteger refs = new AtomicInteger(1);

    public Version(List<List<TableReader>> levels) {
        List<List<TableReader>> copy = new ArrayList<>(levels.size());
        for (List<TableReader> l : levels) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(l)));
            for (TableReader t : l) {
                t.ref();
            }
        }
        this.levels = Collections.unmodifiableList(copy);
    }

    static Version empty() {
        List<List<TableReader>> levels = new ArrayList<>();
        for (int i = 0; i < LsmOptions.LEVELS; i++) {
            levels.add(List.of());
        }
        return new Version(levels);
    }

    /** Takes a reference unless the version is already dead; false means "read the current version again". */
    public boolean tryRef() {
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

    public void unref() {
        if (refs.decrementAndGet() == 0) {
            for (List<TableReader> l : levels) {
                for (TableReader t : l) {
                    t.unref();
                }
            }
        }
    }

    public List<TableReader> level(int i) {
        return levels.get(i);
    }

    public long levelBytes(int i) {
        long n = 0;
        for (TableReader t : levels.get(i)) {
            n += t.meta.size();
        }
        return n;
    }

    public int tableCount() {
        int n = 0;
        for (List<TableReader> l : levels) {
            n += l.size();
        }
        return n;
    }

    /** Tables of level {@code level} (1 and deeper) whose user-key range meets [smallest, largest]. */
    public List<TableReader> overlapping(int level, byte[] smallest, byte[] largest) {
        List<TableReader> out = new ArrayList<>();
        for (TableReader t : levels.get(level)) {
            if (InternalKey.compareUkey(t.meta.largest(), smallest) >= 0 && InternalKey.compareUkey(t.meta.smallest(), largest) <= 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** A copy of the level lists for building the next version. */
    public List<List<TableReader>> mutableLevels() {
        List<List<TableReader>> out = new ArrayList<>();
        for (List<TableReader> l : levels) {
            out.add(new ArrayList<>(l));
        }
        return out;
    }

    /** The table of a sorted level that may hold {@code ukey} (compared by user key), or null. */
    public static TableReader find(List<TableReader> level, byte[] ikey) {
        int lo = 0;
        int hi = level.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compareUkey(level.get(mid).meta.largest(), ikey) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < level.size() && InternalKey.compareUkey(level.get(lo).meta.smallest(), ikey) <= 0) {
            return level.get(lo);
        }
        return null;
    }
}
