package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key of two components, ordered by {@code first}, then {@code second}; encoded by
 * {@link KeyCodecs#tuple(KeyCodec, KeyCodec)}. Components are non-null; array components
 * ({@code byte[]}) compare by content in {@code equals} and {@code hashCode}.
 */
public record Tuple2<A, B>(A first, B second) {

    /**
     * Checks both components are non-null.
     *
     * @throws InvalidArgumentException when a component is null
     */
    public Tuple2 {
        if (first == null || second == null) {
            throw new InvalidArgumentException("tuple components are non-null, got (" + first + ", " + second + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple2<?, ?> t && Objects.deepEquals(first, t.first) && Objects.deepEquals(second, t.second);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {first, second});
    }

    @Override
    public String toString() {
        return "(" + Text.show(first) + ", " + Text.show(second) + ")";
    }
}
