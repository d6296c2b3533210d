package dev.oxistore.kv;

import java.util.Arrays;

/**
 * One committed change seen by a {@link WatchListener}.
 *
 * @param keyspace the keyspace name
 * @param key      the key
 * @param value    the new value, or {@code null} for a delete
 * @param type     put or delete
 */
public record WatchEvent(String keyspace, byte[] key, byte[] value, Type type) {

    /** What happened to the key. */
    public enum Type { PUT, DELETE }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchEvent e && keyspace.equals(e.keyspace) && type == e.type
                && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return (keyspace.hashCode() * 31 + Arrays.hashCode(key)) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return "WatchEvent[" + keyspace + " " + type + " " + Bytes.hex(key)
                + (value == null ? "" : "=" + Bytes.hex(value)) + "]";
    }
}
