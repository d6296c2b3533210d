package dev.oxistore.cache;

import java.time.Duration;
import java.util.function.Function;

/**
 * A bounded in-memory cache with a chosen replacement {@link Policy}. Build one with
 * {@link CacheBuilder}.
 *
 * <p>Rules, for every policy:
 * <ul>
 *   <li>Every method is thread-safe. {@link Policy#LRU}, {@link Policy#ARC} and {@link Policy#LFU}
 *       split the cache into independently locked shards by key hash (see
 *       {@link CacheBuilder#shards(int)}); each shard applies the policy exactly, to its share of
 *       the capacity. {@link Policy#W_TINYLFU} is Caffeine, with its own read buffers.</li>
 *   <li>Keys and values are non-null; a null raises {@link dev.oxistore.kv.InvalidArgumentException}.
 *       Keys are compared with {@code equals} and {@code hashCode}.</li>
 *   <li>The total weight of resident entries never exceeds the capacity once a call returns
 *       (Caffeine may briefly exceed it until its maintenance runs, which happens on the calling
 *       thread). An entry heavier than the whole capacity (or than its shard's share) is removed
 *       at once with {@link RemovalCause#SIZE}.</li>
 *   <li>An entry whose time to live has run out by the cache's clock is never returned; it is
 *       removed when next touched (or by {@link #cleanUp()}) with {@link RemovalCause#EXPIRED}.</li>
 *   <li>Every removal is reported to the {@link RemovalListener}, after the lock is released.</li>
 * </ul>
 */
public interface Cache<K, V> {

    /**
     * The value of {@code key}, or null when it is absent or expired; counts a hit or a miss and,
     * on a hit, is an access for the policy.
     */
    V getIfPresent(K key);

    /**
     * The value of {@code key}, computing it with {@code loader} on a miss and caching a non-null
     * result. For the sharded policies the loader runs outside the lock and may run more than once
     * when threads miss on the same key at once (the last result wins); Caffeine runs it once.
     *
     * @return the cached or loaded value, or null when the loader returned null
     */
    V get(K key, Function<? super K, ? extends V> loader);

    /** Caches {@code value} for {@code key} with the builder's default time to live (if any). */
    void put(K key, V value);

    /**
     * Caches {@code value} for {@code key}, expiring after {@code ttl}.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException when {@code ttl} is null, zero or negative
     */
    void put(K key, V value, Duration ttl);

    /** Removes {@code key} (reported as {@link RemovalCause#EXPLICIT}); nothing when absent. */
    void invalidate(K key);

    /** Removes every entry (each reported as {@link RemovalCause#EXPLICIT}). */
    void invalidateAll();

    /** The number of resident entries (expired ones not yet removed included). */
    long size();

    /** The total weight of resident entries (their number for a count-bounded cache). */
    long weightedSize();

    /** The capacity: maximum weight, or maximum count for a count-bounded cache. */
    long capacity();

    /** The replacement policy. */
    Policy policy();

    /** Counters since the cache was built. */
    CacheStats stats();

    /** Removes expired entries now and runs any pending maintenance. */
    void cleanUp();
}
