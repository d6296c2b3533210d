/**
 * The policy engines behind {@link dev.oxistore.cache.Cache}; not exported.
 *
 * <p>Concurrency design. LRU, ARC and LFU mutate their lists on every hit, so a read is a write
 * to the policy's state. Instead of Caffeine's lossy read buffers (which would make the policy
 * approximate) {@link dev.oxistore.cache.internal.ShardedCache} splits the key space by hash into
 * a power-of-two number of shards, each an exact, single-threaded policy instance
 * ({@link dev.oxistore.cache.internal.LruShard}, {@link dev.oxistore.cache.internal.ArcShard},
 * {@link dev.oxistore.cache.internal.LfuShard}) behind its own lock holding
 * {@code capacity / shards}. Threads touching different shards never contend, so reads scale
 * with cores; the price is that eviction is exact per shard rather than global, which is why the
 * trace tests that compare against exact simulations build the cache with one shard. Removal
 * listeners run after the shard lock is released. W-TinyLFU is Caffeine
 * ({@link dev.oxistore.cache.internal.CaffeineCache}), which already scales.
 */
package dev.oxistore.cache.internal;
