package dev.oxistore.kv.typed;

import java.util.function.Function;

/**
 * Turns values of type {@code V} into stored bytes and back. Unlike a {@link KeyCodec} it keeps
 * no order, and an empty encoding is allowed.
 *
 * <p>Rules: {@code decode(encode(v))} equals {@code v}; a null or unrepresentable value raises
 * {@link dev.oxistore.kv.InvalidArgumentException}; bytes that are not an encoding raise
 * {@link dev.oxistore.kv.CorruptionException}. Implementations must be thread-safe.
 */
public interface ValueCodec<V> {

    /**
     * The encoding of {@code value}.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException when {@code value} is null or has no encoding
     */
    byte[] encode(V value);

    /**
     * The value encoded by {@code bytes}.
     *
     * @throws dev.oxistore.kv.CorruptionException when the bytes are not a valid encoding
     */
    V decode(byte[] bytes);

    /**
     * A codec from two functions, such as a serializer's. Null values are rejected before
     * {@code encoder} runs; an exception from {@code decoder} (other than a
     * {@link dev.oxistore.kv.StoreException}) or a null result becomes a
     * {@link dev.oxistore.kv.CorruptionException}.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException when a function is null
     */
    static <V> ValueCodec<V> of(Function<? super V, byte[]> encoder, Function<byte[], ? extends V> decoder) {
        return new FunctionValueCodec<>("ValueCodec.of(...)", encoder, decoder);
    }
}
