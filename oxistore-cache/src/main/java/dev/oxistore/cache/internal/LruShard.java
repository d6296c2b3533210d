package dev.oxistore.cache.internal;

/** Exact LRU: one list, hits move to the recent end, the least recent end is evicted. */
final class LruShard<K, V> extends Shard<K, V> {
    private final NodeList<K, V> list = new NodeList<>();

    LruShard(long capacity) {
        super(capacity);
    }

    @Override
    void onAccess(Node<K, V> n) {
        list.moveToLast(n);
    }

    @Override
    void admit(Node<K, V> n, Removals<K, V> out) {
        while (weight + n.weight > capacity) {
            evictHead(out);
        }
        list.addLast(n);
    }

    @Override
    void onUpdate(Node<K, V> n, long newWeight, Removals<K, V> out) {
        list.unlink(n);
        weight -= n.weight;
        n.weight = newWeight;
        admit(n, out);
        weight += newWeight;
    }

    @Override
    void unlink(Node<K, V> n) {
        list.unlink(n);
    }

    private void evictHead(Removals<K, V> out) {
        Node<K, V> v = list.head();
        list.unlink(v);
        evicted(v, out);
    }
}
