package dev.oxistore.cache.internal;

import dev.oxistore.cache.Policy;
import dev.oxistore.cache.RemovalListener;
import dev.oxistore.cache.Weigher;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The checked options of a cache, as {@link dev.oxistore.cache.CacheBuilder} hands them over.
 *
 * @param weighted   true when bounded by weight, false when by count (the weigher then returns 1)
 * @param defaultTtl null for no default expiry
 * @param listener   null for no listener
 */
public record CacheSettings<K, V>(Policy policy, long capacity, boolean weighted, Weigher<K, V> weigher,
                                  Duration defaultTtl, RemovalListener<K, V> listener, InstantSource clock,
                                  int shards) {
}
