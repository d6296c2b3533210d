package dev.oxistore.cache.internal;

import dev.oxistore.cache.Cache;
import dev.oxistore.cache.CacheStats;
import dev.oxistore.cache.Policy;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.spi.Checks;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * LRU, ARC or LFU as independently locked shards chosen by key hash (see the package comment
 * for why). Each shard holds {@code capacity / shards}, the first {@code capacity % shards}
 * shards one more.
 */
public final class ShardedCache<K, V> implements Cache<K, V> {
    private final CacheSettings<K, V> settings;
    private final Shard<K, V>[] shards;
    private final ReentrantLock[] locks;
    private final int shift;
    private final Dispatch<K, V> dispatch;
    private final long defaultTtlNanos;
    private final java.util.function.LongSupplier nanoClock;
    /** False until an entry with a time to live exists, so the common case reads no clock. */
    private volatile boolean timed;

    /** Builds the cache {@code settings} describe. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ShardedCache(CacheSettings<K, V> settings) {
        int n = settings.shards();
        if (n > settings.capacity()) {
            throw new InvalidArgumentException("shards (" + n + ") exceed the capacity (" + settings.capacity()
                    + "): every shard needs room for at least one entry; use fewer shards");
        }
        this.settings = settings;
        this.shards = new Shard[n];
        this.locks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            long share = settings.capacity() / n + (i < settings.capacity() % n ? 1 : 0);
            shards[i] = Shard.of(settings.policy(), share);
            locks[i] = new ReentrantLock();
        }
        this.shift = 32 - Integer.numberOfTrailingZeros(n);
        this.dispatch = new Dispatch<>(settings.listener());
        this.defaultTtlNanos = settings.defaultTtl() == null ? -1 : Dispatch.ttlNanos(settings.defaultTtl());
        this.timed = settings.defaultTtl() != null;
        this.nanoClock = Dispatch.nanoClock(settings.clock());
    }

    private int index(Object key) {
        // Fibonacci hashing: the top bits of the product mix every bit of the hash.
        return shift == 32 ? 0 : (key.hashCode() * 0x9E3779B9) >>> shift;
    }

    private long now() {
        return timed ? nanoClock.getAsLong() : Long.MIN_VALUE;
    }

    @Override
    public V getIfPresent(K key) {
        Dispatch.nonNull(key, "key");
        int i = index(key);
        Removals<K, V> out = new Removals<>();
        V v;
        locks[i].lock();
        try {
            v = shards[i].get(key, now(), out);
        } finally {
            locks[i].unlock();
        }
        if (v == null) {
            dispatch.miss();
        } else {
            dispatch.hit();
        }
        dispatch.removed(out);
        return v;
    }

    @Override
    public V get(K key, Function<? super K, ? extends V> loader) {
        Dispatch.nonNull(loader, "loader");
        V v = getIfPresent(key);
        if (v == null) {
            v = loader.apply(key);
            if (v != null) {
                put(key, v);
            }
        }
        return v;
    }

    @Override
    public void put(K key, V value) {
        store(key, value, defaultTtlNanos);
    }

    @Override
    public void put(K key, V value, Duration ttl) {
        store(key, value, Dispatch.ttlNanos(Checks.ttl(ttl)));
    }

    private void store(K key, V value, long ttlNanos) {
        Dispatch.nonNull(key, "key");
        Dispatch.nonNull(value, "value");
        long w = settings.weigher().weigh(key, value);
        if (w < 0) {
            throw new InvalidArgumentException("the weigher returned a negative weight (" + w + ") for key " + key);
        }
        if (ttlNanos >= 0) {
            timed = true;
        }
        int i = index(key);
        Removals<K, V> out = new Removals<>();
        locks[i].lock();
        try {
            long now = now();
            long expiresAt = ttlNanos < 0 ? Long.MAX_VALUE : saturatedAdd(now, ttlNanos);
            shards[i].put(key, value, w, expiresAt, now, out);
        } finally {
            locks[i].unlock();
        }
        dispatch.removed(out);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public void invalidate(K key) {
        Dispatch.nonNull(key, "key");
        int i = index(key);
        Removals<K, V> out = new Removals<>();
        locks[i].lock();
        try {
            shards[i].invalidate(key, out);
        } finally {
            locks[i].unlock();
        }
        dispatch.removed(out);
    }

    @Override
    public void invalidateAll() {
        for (int i = 0; i < shards.length; i++) {
            Removals<K, V> out = new Removals<>();
            locks[i].lock();
            try {
                shards[i].invalidateAll(out);
            } finally {
                locks[i].unlock();
            }
            dispatch.removed(out);
        }
    }

    @Override
    public long size() {
        long n = 0;
        for (int i = 0; i < shards.length; i++) {
            locks[i].lock();
            try {
                n += shards[i].map.size();
            } finally {
                locks[i].unlock();
            }
        }
        return n;
    }

    @Override
    public long weightedSize() {
        long w = 0;
        for (int i = 0; i < shards.length; i++) {
            locks[i].lock();
            try {
                w += shards[i].weight;
            } finally {
                locks[i].unlock();
            }
        }
        return w;
    }

    @Override
    public long capacity() {
        return settings.capacity();
    }

    @Override
    public Policy policy() {
        return settings.policy();
    }

    @Override
    public CacheStats stats() {
        return dispatch.stats();
    }

    @Override
    public void cleanUp() {
        if (!timed) {
            return;
        }
        for (int i = 0; i < shards.length; i++) {
            Removals<K, V> out = new Removals<>();
            locks[i].lock();
            try {
                shards[i].removeExpired(now(), out);
            } finally {
                locks[i].unlock();
            }
            dispatch.removed(out);
        }
    }

    @Override
    public String toString() {
        return "Cache[" + settings.policy() + ", capacity " + settings.capacity() + ", " + shards.length + " shards]";
    }
}
