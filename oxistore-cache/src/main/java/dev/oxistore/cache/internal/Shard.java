package dev.oxistore.cache.internal;

import dev.oxistore.cache.RemovalCause;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * One exact, single-threaded policy instance over a share of the capacity: the key map, the
 * resident weight and expiry are here; which entry to evict is the subclass's. Callers hold the
 * shard's lock.
 */
abstract class Shard<K, V> {
    final long capacity;
    final HashMap<K, Node<K, V>> map = new HashMap<>();
    /** Total weight of resident entries. */
    long weight;

    Shard(long capacity) {
        this.capacity = capacity;
    }

    /** A hit: the policy's bookkeeping for an access to resident {@code n}. */
    abstract void onAccess(Node<K, V> n);

    /**
     * A new key: makes room for {@code n} (whose weight fits the capacity) by evicting with
     * {@link #evicted}, then links it. The base class then maps it and adds its weight.
     */
    abstract void admit(Node<K, V> n, Removals<K, V> out);

    /**
     * A put over resident {@code n}: an access, after which its weight becomes {@code newWeight}
     * (which fits the capacity); evicts others until the shard fits again and keeps the base
     * class's {@link #weight} right.
     */
    abstract void onUpdate(Node<K, V> n, long newWeight, Removals<K, V> out);

    /** Unlinks {@code n} for an explicit or expiry removal (no history kept). */
    abstract void unlink(Node<K, V> n);

    /** Creates the shard of {@code policy}. */
    static <K, V> Shard<K, V> of(dev.oxistore.cache.Policy policy, long capacity) {
        return switch (policy) {
            case LRU -> new LruShard<>(capacity);
            case ARC -> new ArcShard<>(capacity);
            case LFU -> new LfuShard<>(capacity);
            case W_TINYLFU -> throw new IllegalArgumentException("W_TINYLFU is Caffeine, not a shard");
        };
    }

    /** Records the eviction of {@code v}, already unlinked by the policy. */
    final void evicted(Node<K, V> v, Removals<K, V> out) {
        map.remove(v.key);
        weight -= v.weight;
        out.add(v.key, v.value, v.weight, RemovalCause.SIZE);
    }

    /** The live value of {@code key} (an access), or null; an expired entry is removed. */
    final V get(K key, long now, Removals<K, V> out) {
        Node<K, V> n = map.get(key);
        if (n == null) {
            return null;
        }
        if (n.expiresAt <= now) {
            remove(n, RemovalCause.EXPIRED, out);
            return null;
        }
        onAccess(n);
        return n.value;
    }

    final void put(K key, V value, long w, long expiresAt, long now, Removals<K, V> out) {
        Node<K, V> n = map.get(key);
        if (n != null && n.expiresAt <= now) {
            remove(n, RemovalCause.EXPIRED, out);
            n = null;
        }
        if (w > capacity) {
            if (n != null) {
                remove(n, RemovalCause.REPLACED, out);
            }
            out.add(key, value, w, RemovalCause.SIZE);
            return;
        }
        if (n == null) {
            n = new Node<>(key, value, w, expiresAt);
            admit(n, out);
            map.put(key, n);
            weight += w;
        } else {
            out.add(key, n.value, n.weight, RemovalCause.REPLACED);
            n.value = value;
            n.expiresAt = expiresAt;
            onUpdate(n, w, out);
        }
    }

    final void invalidate(K key, Removals<K, V> out) {
        Node<K, V> n = map.get(key);
        if (n != null) {
            remove(n, RemovalCause.EXPLICIT, out);
        }
    }

    final void invalidateAll(Removals<K, V> out) {
        for (Node<K, V> n : new ArrayList<>(map.values())) {
            remove(n, RemovalCause.EXPLICIT, out);
        }
    }

    final void removeExpired(long now, Removals<K, V> out) {
        List<Node<K, V>> expired = new ArrayList<>();
        for (Iterator<Node<K, V>> it = map.values().iterator(); it.hasNext(); ) {
            Node<K, V> n = it.next();
            if (n.expiresAt <= now) {
                expired.add(n);
            }
        }
        for (Node<K, V> n : expired) {
            remove(n, RemovalCause.EXPIRED, out);
        }
    }

    private void remove(Node<K, V> n, RemovalCause cause, Removals<K, V> out) {
        unlink(n);
        map.remove(n.key);
        weight -= n.weight;
        out.add(n.key, n.value, n.weight, cause);
    }
}
