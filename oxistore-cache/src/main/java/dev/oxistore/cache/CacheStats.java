package dev.oxistore.cache;

/**
 * Counters of a {@link Cache} since it was built.
 *
 * @param hits           lookups that found a live entry
 * @param misses         lookups that found nothing (or an expired entry)
 * @param evictions      entries evicted by the policy to respect the capacity
 * @param evictionWeight the total weight of those entries (their count for a count-bounded cache)
 * @param expirations    entries removed because their time to live ran out
 */
public record CacheStats(long hits, long misses, long evictions, long evictionWeight, long expirations) {

    /** Lookups in all: {@code hits + misses}. */
    public long requests() {
        return hits + misses;
    }

    /** The fraction of lookups that hit, or 1.0 before any lookup (as Caffeine reports it). */
    public double hitRate() {
        long requests = requests();
        return requests == 0 ? 1.0 : (double) hits / requests;
    }
}
