package dev.oxistore.cache.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ARC, from Megiddo and Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache" (FAST 2003),
 * figure 4. T1 holds entries seen once recently, T2 entries seen at least twice; B1 and B2 are
 * ghost lists of keys recently evicted from T1 and T2; {@code p} is the adaptive target weight of
 * T1. The paper's {@code c} is this shard's capacity and {@code |X|} the total weight of list X,
 * so with unit weights (a count-bounded cache) this is the paper's algorithm exactly:
 * <ul>
 *   <li>Case I, hit in T1 ∪ T2: move to the recent end of T2.</li>
 *   <li>Case II, miss found in B1: {@code p = min(p + δ1, c)} with {@code δ1 = 1} if
 *       {@code |B1| ≥ |B2|} else {@code |B2| / |B1|}; REPLACE; move x to T2.</li>
 *   <li>Case III, miss found in B2: {@code p = max(p - δ2, 0)} with {@code δ2 = 1} if
 *       {@code |B2| ≥ |B1|} else {@code |B1| / |B2|}; REPLACE; move x to T2.</li>
 *   <li>Case IV, complete miss: if {@code |T1| + |B1| = c}, then either drop B1's oldest ghost and
 *       REPLACE (when {@code |T1| < c}) or evict T1's oldest without a ghost; otherwise, when the
 *       directory holds {@code ≥ c}, drop B2's oldest ghost if it holds {@code 2c}, and REPLACE.
 *       Put x in T1.</li>
 *   <li>REPLACE: evict T1's oldest into B1 if T1 is non-empty and {@code |T1| > p} (or
 *       {@code |T1| = p} when x was in B2), else T2's oldest into B2.</li>
 * </ul>
 * Generalisations, which change nothing with unit weights and no removals: δ is multiplied by the
 * entry's weight, each "drop one" or "REPLACE" repeats until the entry fits, and REPLACE runs
 * only while the resident weight does not leave room (the paper can rely on its invariant that
 * the cache is full whenever it calls REPLACE; explicit removals and expiry break it here).
 * Explicit and expiry removals take an entry out of T1 or T2 without a ghost.
 */
final class ArcShard<K, V> extends Shard<K, V> {
    private final NodeList<K, V> t1 = new NodeList<>();
    private final NodeList<K, V> t2 = new NodeList<>();
    private final Ghosts<K> b1 = new Ghosts<>();
    private final Ghosts<K> b2 = new Ghosts<>();
    private double p;

    ArcShard(long capacity) {
        super(capacity);
    }

    /** The adaptive target weight of T1 (for tests). */
    double target() {
        return p;
    }

    @Override
    void onAccess(Node<K, V> n) {
        n.list.unlink(n);
        t2.addLast(n);
    }

    @Override
    void admit(Node<K, V> n, Removals<K, V> out) {
        long w = n.weight;
        double c = capacity;
        Long inB1 = b1.weightOf(n.key);
        Long inB2 = inB1 == null ? b2.weightOf(n.key) : null;
        if (inB1 != null) {
            double delta = b1.weight >= b2.weight ? 1 : (double) b2.weight / b1.weight;
            p = Math.min(p + delta * w, c);
            replaceUntilFits(w, false, out);
            b1.remove(n.key);
            t2.addLast(n);
        } else if (inB2 != null) {
            double delta = b2.weight >= b1.weight ? 1 : (double) b1.weight / b2.weight;
            p = Math.max(p - delta * w, 0);
            replaceUntilFits(w, true, out);
            b2.remove(n.key);
            t2.addLast(n);
        } else {
            if (t1.weight + b1.weight + w > capacity) {
                if (t1.weight + w <= capacity) {
                    while (t1.weight + b1.weight + w > capacity && !b1.isEmpty()) {
                        b1.removeOldest();
                    }
                    replaceUntilFits(w, false, out);
                } else {
                    while (t1.weight + w > capacity) {
                        Node<K, V> v = t1.head();
                        t1.unlink(v);
                        evicted(v, out);
                    }
                    replaceUntilFits(w, false, out);
                }
            } else if (t1.weight + t2.weight + b1.weight + b2.weight + w > capacity) {
                while (t1.weight + t2.weight + b1.weight + b2.weight + w > 2 * capacity && !b2.isEmpty()) {
                    b2.removeOldest();
                }
                replaceUntilFits(w, false, out);
            }
            t1.addLast(n);
        }
        // Keep the paper's directory bounds (|L1| ≤ c, |L1| + |L2| ≤ 2c) under mixed weights.
        while (t1.weight + b1.weight > capacity && !b1.isEmpty()) {
            b1.removeOldest();
        }
        while (t1.weight + t2.weight + b1.weight + b2.weight > 2 * capacity && !(b1.isEmpty() && b2.isEmpty())) {
            (b2.isEmpty() ? b1 : b2).removeOldest();
        }
    }

    @Override
    void onUpdate(Node<K, V> n, long newWeight, Removals<K, V> out) {
        n.list.unlink(n);
        weight -= n.weight;
        replaceUntilFits(newWeight, false, out);
        n.weight = newWeight;
        weight += newWeight;
        t2.addLast(n);
    }

    @Override
    void unlink(Node<K, V> n) {
        n.list.unlink(n);
    }

    private void replaceUntilFits(long w, boolean xInB2, Removals<K, V> out) {
        while (weight + w > capacity && !(t1.isEmpty() && t2.isEmpty())) {
            boolean fromT1 = !t1.isEmpty() && ((xInB2 && t1.weight == p) || t1.weight > p);
            if (fromT1 || t2.isEmpty()) {
                Node<K, V> v = t1.head();
                t1.unlink(v);
                b1.add(v.key, v.weight);
                evicted(v, out);
            } else {
                Node<K, V> v = t2.head();
                t2.unlink(v);
                b2.add(v.key, v.weight);
                evicted(v, out);
            }
        }
    }

    /** A ghost list: keys in eviction order (oldest first) with their weights. */
    private static final class Ghosts<K> {
        private final LinkedHashMap<K, Long> keys = new LinkedHashMap<>();
        long weight;

        Long weightOf(K key) {
            return keys.get(key);
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }

        void add(K key, long w) {
            Long old = keys.put(key, w);
            weight += w - (old == null ? 0 : old);
        }

        void remove(K key) {
            Long old = keys.remove(key);
            if (old != null) {
                weight -= old;
            }
        }

        void removeOldest() {
            Iterator<Map.Entry<K, Long>> it = keys.entrySet().iterator();
            weight -= it.next().getValue();
            it.remove();
        }

        void clear() {
            keys.clear();
            weight = 0;
        }
    }
}
