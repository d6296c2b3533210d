package dev.oxistore.cache;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * ARC as figure 4 of Megiddo and Modha (FAST 2003) writes it, for unit-size pages, kept apart
 * from the main code on purpose: the trace test checks the cache against it access by access.
 * Each list is a LinkedHashSet in LRU-to-MRU order.
 */
final class ReferenceArc {
    private final int c;
    private double p;
    private final LinkedHashSet<Integer> t1 = new LinkedHashSet<>();
    private final LinkedHashSet<Integer> t2 = new LinkedHashSet<>();
    private final LinkedHashSet<Integer> b1 = new LinkedHashSet<>();
    private final LinkedHashSet<Integer> b2 = new LinkedHashSet<>();

    ReferenceArc(int c) {
        this.c = c;
    }

    /** Requests page {@code x}; true on a cache hit. */
    boolean request(int x) {
        // Case I: x in T1 or T2 — a hit; move x to MRU of T2.
        if (t1.remove(x) || t2.remove(x)) {
            t2.add(x);
            return true;
        }
        // Case II: x in B1 — adapt p up, REPLACE, move x to MRU of T2.
        if (b1.contains(x)) {
            double delta1 = b1.size() >= b2.size() ? 1 : (double) b2.size() / b1.size();
            p = Math.min(p + delta1, c);
            replace(x);
            b1.remove(x);
            t2.add(x);
            return false;
        }
        // Case III: x in B2 — adapt p down, REPLACE, move x to MRU of T2.
        if (b2.contains(x)) {
            double delta2 = b2.size() >= b1.size() ? 1 : (double) b1.size() / b2.size();
            p = Math.max(p - delta2, 0);
            replace(x);
            b2.remove(x);
            t2.add(x);
            return false;
        }
        // Case IV: x in none of the lists.
        if (t1.size() + b1.size() == c) {
            // Case A: L1 has exactly c pages.
            if (t1.size() < c) {
                removeLru(b1);
                replace(x);
            } else {
                removeLru(t1);
            }
        } else {
            // Case B: L1 has fewer than c pages.
            int total = t1.size() + t2.size() + b1.size() + b2.size();
            if (total >= c) {
                if (total == 2 * c) {
                    removeLru(b2);
                }
                replace(x);
            }
        }
        t1.add(x);
        return false;
    }

    private void replace(int x) {
        if (!t1.isEmpty() && ((b2.contains(x) && t1.size() == p) || t1.size() > p)) {
            b1.add(removeLru(t1));
        } else {
            b2.add(removeLru(t2));
        }
    }

    private static int removeLru(LinkedHashSet<Integer> list) {
        Iterator<Integer> it = list.iterator();
        int lru = it.next();
        it.remove();
        return lru;
    }
}
