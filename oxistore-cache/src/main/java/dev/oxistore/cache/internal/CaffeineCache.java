package dev.oxistore.cache.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.oxistore.cache.Cache;
import dev.oxistore.cache.CacheStats;
import dev.oxistore.cache.Policy;
import dev.oxistore.cache.RemovalCause;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.spi.Checks;
import java.time.Duration;
import java.util.function.Function;

/**
 * W-TinyLFU: a Caffeine cache (the reference implementation) behind {@link Cache}. Values are
 * stored with their time to live so Caffeine's variable expiry times each entry; maintenance and
 * listeners run on the calling thread ({@code executor(Runnable::run)}), so nothing happens
 * behind the caller's back.
 */
public final class CaffeineCache<K, V> implements Cache<K, V> {

    /** A value and its time to live in nanoseconds ({@link Long#MAX_VALUE}: none). */
    private record Timed<V>(V value, long ttlNanos) {
    }

    private final CacheSettings<K, V> settings;
    private final com.github.benmanes.caffeine.cache.Cache<K, Timed<V>> cache;
    private final Dispatch<K, V> dispatch;
    private final long defaultTtlNanos;

    /** Builds the cache {@code settings} describe. */
    public CaffeineCache(CacheSettings<K, V> settings) {
        this.settings = settings;
        this.dispatch = new Dispatch<>(settings.listener());
        this.defaultTtlNanos = settings.defaultTtl() == null ? Long.MAX_VALUE : Dispatch.ttlNanos(settings.defaultTtl());
        Caffeine<K, Timed<V>> b = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(Dispatch.nanoClock(settings.clock())::getAsLong)
                .expireAfter(new Expiry<K, Timed<V>>() {
                    @Override
                    public long expireAfterCreate(K key, Timed<V> t, long now) {
                        return t.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(K key, Timed<V> t, long now, long current) {
                        return t.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(K key, Timed<V> t, long now, long current) {
                        return current;
                    }
                })
                .removalListener((K key, Timed<V> t, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (key != null && t != null) {
                        dispatch.removed(key, t.value(), settings.weigher().weigh(key, t.value()), map(cause));
                    }
                });
        if (settings.weighted()) {
            b.maximumWeight(settings.capacity()).weigher((K k, Timed<V> t) -> (int) Math.min(Integer.MAX_VALUE, settings.weigher().weigh(k, t.value())));
        } else {
            b.maximumSize(settings.capacity());
        }
        this.cache = b.build();
    }

    private static RemovalCause map(com.github.benmanes.caffeine.cache.RemovalCause cause) {
        return switch (cause) {
            case EXPLICIT -> RemovalCause.EXPLICIT;
            case REPLACED -> RemovalCause.REPLACED;
            case EXPIRED -> RemovalCause.EXPIRED;
            case SIZE, COLLECTED -> RemovalCause.SIZE;
        };
    }

    @Override
    public V getIfPresent(K key) {
        Timed<V> t = cache.getIfPresent(Dispatch.nonNull(key, "key"));
        if (t == null) {
            dispatch.miss();
            return null;
        }
        dispatch.hit();
        return t.value();
    }

    @Override
    public V get(K key, Function<? super K, ? extends V> loader) {
        Dispatch.nonNull(key, "key");
        Dispatch.nonNull(loader, "loader");
        boolean[] loaded = {false};
        Timed<V> t = cache.get(key, k -> {
            loaded[0] = true;
            V v = loader.apply(k);
            return v == null ? null : new Timed<>(checkWeight(k, v), defaultTtlNanos);
        });
        if (loaded[0]) {
            dispatch.miss();
        } else {
            dispatch.hit();
        }
        return t == null ? null : t.value();
    }

    @Override
    public void put(K key, V value) {
        cache.put(Dispatch.nonNull(key, "key"), new Timed<>(checkWeight(key, Dispatch.nonNull(value, "value")), defaultTtlNanos));
    }

    @Override
    public void put(K key, V value, Duration ttl) {
        long nanos = Dispatch.ttlNanos(Checks.ttl(ttl));
        cache.put(Dispatch.nonNull(key, "key"), new Timed<>(checkWeight(key, Dispatch.nonNull(value, "value")), nanos));
    }

    private V checkWeight(K key, V value) {
        long w = settings.weigher().weigh(key, value);
        if (w < 0) {
            throw new InvalidArgumentException("the weigher returned a negative weight (" + w + ") for key " + key);
        }
        return value;
    }

    @Override
    public void invalidate(K key) {
        cache.invalidate(Dispatch.nonNull(key, "key"));
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }

    @Override
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public long weightedSize() {
        cache.cleanUp();
        return cache.policy().eviction().flatMap(e -> {
            java.util.OptionalLong w = e.weightedSize();
            return w.isPresent() ? java.util.Optional.of(w.getAsLong()) : java.util.Optional.empty();
        }).orElse(cache.estimatedSize());
    }

    @Override
    public long capacity() {
        return settings.capacity();
    }

    @Override
    public Policy policy() {
        return Policy.W_TINYLFU;
    }

    @Override
    public CacheStats stats() {
        return dispatch.stats();
    }

    @Override
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public String toString() {
        return "Cache[W_TINYLFU (Caffeine), capacity " + settings.capacity() + "]";
    }
}
