package dev.oxistore.kv.memory;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keyspaces of a store by name. A keyspace's data object is created by its first write and
 * then kept for the life of the store (dropping a keyspace deletes its entries and unlists it),
 * so handles and views may cache it.
 */
final class KeyspaceRegistry {

    private final ConcurrentHashMap<String, KeyspaceData> spaces = new ConcurrentHashMap<>();

    /** The keyspace's data, or null when it was never written. */
    KeyspaceData get(String name) {
        return spaces.get(name);
    }

    /** The keyspace's data, created if needed; call under the commit lock. */
    KeyspaceData getOrCreate(String name) {
        return spaces.computeIfAbsent(name, KeyspaceData::new);
    }

    Collection<KeyspaceData> all() {
        return spaces.values();
    }

    void clear() {
        spaces.values().forEach(KeyspaceData::clear);
    }
}
