package dev.oxistore.cache;

/**
 * The weight of an entry, for a cache bounded by {@link CacheBuilder#maximumWeight(long)} (bytes,
 * typically). Called once when an entry is put; must return a non-negative number.
 */
@FunctionalInterface
public interface Weigher<K, V> {

    /** The weight of {@code key} with {@code value}. */
    long weigh(K key, V value);
}
