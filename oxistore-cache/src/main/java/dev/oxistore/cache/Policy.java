package dev.oxistore.cache;

/**
 * The replacement policy of a {@link Cache}: which entry leaves when the cache is full.
 */
public enum Policy {
    /** Least recently used: evicts the entry whose last access is oldest. */
    LRU,
    /**
     * Adaptive Replacement Cache (Megiddo and Modha, FAST 2003): a recency list T1 and a
     * frequency list T2, ghost lists B1 and B2 of recently evicted keys, and a target size p for
     * T1 that a ghost hit moves towards the list that would have kept the entry.
     */
    ARC,
    /**
     * Least frequently used, with O(1) frequency lists (Shah, Mitra and Matani, 2010). Ties among
     * the least frequent entries go to the least recently used of them: within a frequency, the
     * entry that reached it (was accessed) longest ago leaves first. Frequencies are counted only
     * while an entry is resident; a new entry starts at 1.
     */
    LFU,
    /**
     * Window TinyLFU (Einziger, Friedman and Manes, 2017), by Caffeine, its reference
     * implementation: a small LRU admission window, a segmented-LRU main space, and a CountMin
     * frequency sketch that admits a candidate only if it is more frequent than the victim.
     */
    W_TINYLFU
}
