package dev.oxistore.cache;

import dev.oxistore.cache.internal.CaffeineCache;
import dev.oxistore.cache.internal.CacheSettings;
import dev.oxistore.cache.internal.ShardedCache;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.spi.Checks;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Builds a {@link Cache}. Choose a policy and exactly one bound, by count
 * ({@link #maximumSize(long)}) or by weight ({@link #maximumWeight(long)} with a
 * {@link #weigher(Weigher)}); every option may be set once, and a duplicate or conflicting
 * option fails at once with {@link InvalidArgumentException}.
 *
 * <pre>{@code
 * Cache<String, byte[]> cache = CacheBuilder.<String, byte[]>newBuilder(Policy.ARC)
 *         .maximumWeight(64 << 20).weigher((k, v) -> k.length() + v.length)
 *         .removalListener((k, v, cause) -> log(k, cause))
 *         .build();
 * }</pre>
 */
public final class CacheBuilder<K, V> {

    /** Shards by default: enough that two to eight cores rarely meet on one lock. */
    public static final int DEFAULT_SHARDS = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;

    private final Policy policy;
    private long maximumSize = -1;
    private long maximumWeight = -1;
    private Weigher<? super K, ? super V> weigher;
    private Duration defaultTtl;
    private RemovalListener<? super K, ? super V> listener;
    private InstantSource clock;
    private int shards = -1;

    private CacheBuilder(Policy policy) {
        this.policy = policy;
    }

    /** A builder for a cache with {@code policy}. */
    public static <K, V> CacheBuilder<K, V> newBuilder(Policy policy) {
        if (policy == null) {
            throw new InvalidArgumentException("policy is null: pass one of " + java.util.Arrays.toString(Policy.values()));
        }
        return new CacheBuilder<>(policy);
    }

    /** Bounds the cache to {@code n} entries (n ≥ 1). */
    public CacheBuilder<K, V> maximumSize(long n) {
        once(maximumSize < 0 && maximumWeight < 0, "a bound (maximumSize or maximumWeight) was already set");
        positive(n, "maximumSize");
        this.maximumSize = n;
        return this;
    }

    /** Bounds the total weight of entries to {@code w} (w ≥ 1); needs a {@link #weigher}. */
    public CacheBuilder<K, V> maximumWeight(long w) {
        once(maximumSize < 0 && maximumWeight < 0, "a bound (maximumSize or maximumWeight) was already set");
        positive(w, "maximumWeight");
        this.maximumWeight = w;
        return this;
    }

    /** How to weigh entries, with {@link #maximumWeight(long)}. */
    public CacheBuilder<K, V> weigher(Weigher<? super K, ? super V> w) {
        once(weigher == null, "weigher was already set");
        this.weigher = nonNull(w, "weigher");
        return this;
    }

    /** The time to live of entries put without one (default: none). */
    public CacheBuilder<K, V> defaultTtl(Duration ttl) {
        once(defaultTtl == null, "defaultTtl was already set");
        this.defaultTtl = Checks.ttl(ttl);
        return this;
    }

    /** Told of every removal (default: nobody). */
    public CacheBuilder<K, V> removalListener(RemovalListener<? super K, ? super V> l) {
        once(listener == null, "removalListener was already set");
        this.listener = nonNull(l, "removalListener");
        return this;
    }

    /** The clock that times entries out (default: the system clock). */
    public CacheBuilder<K, V> clock(InstantSource c) {
        once(clock == null, "clock was already set");
        this.clock = nonNull(c, "clock");
        return this;
    }

    /**
     * The number of independently locked shards for LRU, ARC and LFU (a power of two; default
     * {@link #DEFAULT_SHARDS}, fewer when the capacity is small). Each shard holds about
     * {@code capacity / shards}, so eviction is exact per shard, not across the whole cache: use
     * {@code 1} for exact global policy semantics (as the trace tests do). Not allowed with
     * {@link Policy#W_TINYLFU}, which Caffeine manages.
     */
    public CacheBuilder<K, V> shards(int n) {
        once(shards < 0, "shards was already set");
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new InvalidArgumentException("shards must be a power of two ≥ 1, got " + n);
        }
        if (policy == Policy.W_TINYLFU) {
            throw new InvalidArgumentException("shards does not apply to W_TINYLFU (Caffeine manages its own concurrency): remove the shards option");
        }
        this.shards = n;
        return this;
    }

    /**
     * Builds the cache.
     *
     * @throws InvalidArgumentException without a bound, or with a weigher and no maximumWeight
     *                                  (or the reverse)
     */
    @SuppressWarnings("unchecked")
    public Cache<K, V> build() {
        if (maximumSize < 0 && maximumWeight < 0) {
            throw new InvalidArgumentException("no bound: call maximumSize(n) or maximumWeight(w) with a weigher");
        }
        if (maximumWeight >= 0 && weigher == null) {
            throw new InvalidArgumentException("maximumWeight needs a weigher: call weigher((k, v) -> ...)");
        }
        if (maximumSize >= 0 && weigher != null) {
            throw new InvalidArgumentException("a weigher needs maximumWeight, not maximumSize");
        }
        Weigher<K, V> w = weigher != null ? (Weigher<K, V>) weigher : (k, v) -> 1;
        long capacity = maximumSize >= 0 ? maximumSize : maximumWeight;
        int n = shards > 0 ? shards : (int) Math.max(1, Math.min(DEFAULT_SHARDS, Long.highestOneBit(Math.max(1, capacity / 64))));
        CacheSettings<K, V> settings = new CacheSettings<>(policy, capacity, maximumWeight >= 0, w, defaultTtl,
                (RemovalListener<K, V>) listener, clock != null ? clock : InstantSource.system(), n);
        return policy == Policy.W_TINYLFU ? new CaffeineCache<>(settings) : new ShardedCache<>(settings);
    }

    private static void once(boolean ok, String message) {
        if (!ok) {
            throw new InvalidArgumentException(message + ": set each option once");
        }
    }

    private static void positive(long n, String what) {
        if (n < 1) {
            throw new InvalidArgumentException(what + " must be at least 1, got " + n);
        }
    }

    private static <T> T nonNull(T t, String what) {
        if (t == null) {
            throw new InvalidArgumentException(what + " is null");
        }
        return t;
    }
}
