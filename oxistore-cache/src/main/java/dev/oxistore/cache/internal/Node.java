package dev.oxistore.cache.internal;

/** A resident entry of a shard, linked into one of the policy's lists. */
final class Node<K, V> {
    final K key;
    V value;
    long weight;
    /** Nanoseconds of the cache clock at which the entry expires; {@link Long#MAX_VALUE} for never. */
    long expiresAt;
    Node<K, V> prev;
    Node<K, V> next;
    /** The list the node is on (ARC: T1 or T2; LFU: its frequency bucket's list). */
    NodeList<K, V> list;
    /** LFU: the frequency bucket. */
    LfuShard.Bucket<K, V> bucket;

    Node(K key, V value, long weight, long expiresAt) {
        this.key = key;
        this.value = value;
        this.weight = weight;
        this.expiresAt = expiresAt;
    }
}
