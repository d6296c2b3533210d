package dev.oxistore.cache;

/** Why an entry left a {@link Cache}, as a {@link RemovalListener} is told. */
public enum RemovalCause {
    /** Removed by {@link Cache#invalidate} or {@link Cache#invalidateAll}. */
    EXPLICIT,
    /** Its value was replaced by a later {@link Cache#put}. */
    REPLACED,
    /** Its time to live ran out. */
    EXPIRED,
    /** Evicted by the policy to respect the capacity (or heavier than the whole capacity). */
    SIZE;

    /** True for the causes the cache chose itself ({@link #EXPIRED}, {@link #SIZE}). */
    public boolean wasEvicted() {
        return this == EXPIRED || this == SIZE;
    }
}
