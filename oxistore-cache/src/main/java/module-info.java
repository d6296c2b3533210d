/**
 * OxiStore cache: one {@link dev.oxistore.cache.Cache} interface with LRU, ARC, LFU and W-TinyLFU
 * (Caffeine) policies, and {@link dev.oxistore.cache.kv.CachedKvStore}, the read-through,
 * write-through and write-back decorator over any {@link dev.oxistore.kv.KvStore}. The policy
 * engines live in the unexported {@code dev.oxistore.cache.internal}.
 */
module dev.oxistore.cache {
    requires transitive dev.oxistore.core;
    requires com.github.benmanes.caffeine;

    exports dev.oxistore.cache;
    exports dev.oxistore.cache.kv;
}
