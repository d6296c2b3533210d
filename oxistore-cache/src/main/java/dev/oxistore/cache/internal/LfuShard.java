package dev.oxistore.cache.internal;

/**
 * LFU in O(1) per operation (Shah, Mitra and Matani, "An O(1) algorithm for implementing the LFU
 * cache eviction scheme", 2010): a list of frequency buckets in ascending order, each holding its
 * entries in the order they reached that frequency. An access moves an entry from bucket f to the
 * end of bucket f + 1 (created next to f when missing); a new entry joins bucket 1; the victim is
 * the first entry of the lowest bucket, so ties among the least frequent go to the least recently
 * used. Frequencies are forgotten on eviction (no history), and a put over a resident entry counts
 * as an access.
 */
final class LfuShard<K, V> extends Shard<K, V> {

    /** The entries with one frequency. */
    static final class Bucket<K, V> {
        final long frequency;
        final NodeList<K, V> entries = new NodeList<>();
        Bucket<K, V> prev;
        Bucket<K, V> next;

        Bucket(long frequency) {
            this.frequency = frequency;
        }
    }

    /** The lowest-frequency bucket. */
    private Bucket<K, V> lowest;

    LfuShard(long capacity) {
        super(capacity);
    }

    @Override
    void onAccess(Node<K, V> n) {
        Bucket<K, V> b = n.bucket;
        Bucket<K, V> next = b.next;
        if (next == null || next.frequency != b.frequency + 1) {
            next = new Bucket<>(b.frequency + 1);
            next.prev = b;
            next.next = b.next;
            if (b.next != null) {
                b.next.prev = next;
            }
            b.next = next;
        }
        leave(n);
        next.entries.addLast(n);
        n.bucket = next;
    }

    @Override
    void admit(Node<K, V> n, Removals<K, V> out) {
        while (weight + n.weight > capacity) {
            evict(lowest.entries.head(), out);
        }
        if (lowest == null || lowest.frequency != 1) {
            Bucket<K, V> one = new Bucket<>(1);
            one.next = lowest;
            if (lowest != null) {
                lowest.prev = one;
            }
            lowest = one;
        }
        lowest.entries.addLast(n);
        n.bucket = lowest;
    }

    @Override
    void onUpdate(Node<K, V> n, long newWeight, Removals<K, V> out) {
        onAccess(n);
        n.bucket.entries.unlink(n);
        weight += newWeight - n.weight;
        n.weight = newWeight;
        n.bucket.entries.addLast(n);
        while (weight > capacity) {
            // n is last in its bucket: skip it when it is the only entry of the lowest bucket.
            Node<K, V> v = lowest.entries.head();
            if (v == n) {
                v = lowest.next.entries.head();
            }
            evict(v, out);
        }
    }

    @Override
    void unlink(Node<K, V> n) {
        leave(n);
        n.bucket = null;
    }

    private void evict(Node<K, V> v, Removals<K, V> out) {
        unlink(v);
        evicted(v, out);
    }

    /** Takes {@code n} out of its bucket, dropping the bucket when it empties. */
    private void leave(Node<K, V> n) {
        Bucket<K, V> b = n.bucket;
        b.entries.unlink(n);
        if (b.entries.isEmpty()) {
            if (b.prev == null) {
                lowest = b.next;
            } else {
                b.prev.next = b.next;
            }
            if (b.next != null) {
                b.next.prev = b.prev;
            }
        }
    }
}
