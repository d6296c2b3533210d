package dev.oxistore.cache.internal;

import dev.oxistore.cache.RemovalCause;
import java.util.ArrayList;
import java.util.List;

/** Removals collected under a shard lock, to report after it is released. */
final class Removals<K, V> {

    /** One removal. */
    record Removal<K, V>(K key, V value, long weight, RemovalCause cause) {
    }

    private List<Removal<K, V>> list;

    void add(K key, V value, long weight, RemovalCause cause) {
        if (list == null) {
            list = new ArrayList<>(2);
        }
        list.add(new Removal<>(key, value, weight, cause));
    }

    List<Removal<K, V>> list() {
        return list == null ? List.of() : list;
    }
}
