package dev.oxistore.kv.typed;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded key and value, as a {@link TypedCursor} yields them. Array parts ({@code byte[]})
 * compare by content in {@code equals} and {@code hashCode}.
 */
public record TypedEntry<K, V>(K key, V value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedEntry<?, ?> e && Objects.deepEquals(key, e.key) && Objects.deepEquals(value, e.value);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {key, value});
    }

    @Override
    public String toString() {
        return Text.show(key) + "=" + Text.show(value);
    }
}
