package dev.oxistore.cache.internal;

import dev.oxistore.cache.CacheStats;
import dev.oxistore.cache.RemovalCause;
import dev.oxistore.cache.RemovalListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.LongAdder;

/** Statistics and listener calls shared by both cache implementations. */
final class Dispatch<K, V> {
    private static final System.Logger LOG = System.getLogger(Dispatch.class.getName());

    private final RemovalListener<K, V> listener;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder evictionWeight = new LongAdder();
    private final LongAdder expirations = new LongAdder();

    Dispatch(RemovalListener<K, V> listener) {
        this.listener = listener;
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    void removed(K key, V value, long weight, RemovalCause cause) {
        if (cause == RemovalCause.SIZE) {
            evictions.increment();
            evictionWeight.add(weight);
        } else if (cause == RemovalCause.EXPIRED) {
            expirations.increment();
        }
        if (listener != null) {
            try {
                listener.onRemoval(key, value, cause);
            } catch (RuntimeException e) {
                // A user callback must not break the cache or the caller's operation.
                LOG.log(System.Logger.Level.WARNING, "removal listener failed for cause " + cause, e);
            }
        }
    }

    void removed(Removals<K, V> out) {
        for (Removals.Removal<K, V> r : out.list()) {
            removed(r.key(), r.value(), r.weight(), r.cause());
        }
    }

    CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), evictions.sum(), evictionWeight.sum(), expirations.sum());
    }

    /** The clock as nanoseconds since the epoch (saturating), the unit expiry times use. */
    static long nanos(InstantSource clock) {
        Instant i = clock.instant();
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            return i.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
        }
    }

    /**
     * A nanosecond clock for expiry: {@link System#nanoTime()} for the system clock (no
     * allocation, monotonic), else the configured clock's epoch nanoseconds (tests' manual clocks).
     */
    static java.util.function.LongSupplier nanoClock(InstantSource clock) {
        return clock == InstantSource.system() ? System::nanoTime : () -> nanos(clock);
    }

    /** A time to live in nanoseconds, saturating. */
    static long ttlNanos(java.time.Duration ttl) {
        try {
            return ttl.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static <T> T nonNull(T t, String what) {
        if (t == null) {
            throw new dev.oxistore.kv.InvalidArgumentException(what + " is null: caches hold no null keys or values");
        }
        return t;
    }
}
