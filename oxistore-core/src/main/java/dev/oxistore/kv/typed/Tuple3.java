package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key of three components, ordered by {@code first}, then {@code second}, then {@code third};
 * encoded by {@link KeyCodecs#tuple(KeyCodec, KeyCodec, KeyCodec)}. Components are non-null;
 * array components ({@code byte[]}) compare by content in {@code equals} and {@code hashCode}.
 */
public record Tuple3<A, B, C>(A first, B second, C third) {

    /**
     * Checks all components are non-null.
     *
     * @throws InvalidArgumentException when a component is null
     */
    public Tuple3 {
        if (first == null || second == null || third == null) {
            throw new InvalidArgumentException("tuple components are non-null, got (" + first + ", " + second + ", " + third + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuple3<?, ?, ?> t && Objects.deepEquals(first, t.first)
                && Objects.deepEquals(second, t.second) && Objects.deepEquals(third, t.third);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {first, second, third});
    }

    @Override
    public String toString() {
        return "(" + Text.show(first) + ", " + Text.show(second) + ", " + Text.show(third) + ")";
    }
}
