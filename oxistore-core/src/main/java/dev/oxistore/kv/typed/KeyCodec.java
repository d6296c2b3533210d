package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import java.util.function.Function;

/**
 * Turns keys of type {@code K} into store keys and back, preserving order: for any {@code a} and
 * {@code b}, the sign of {@code compare(a, b)} in the codec's documented order equals the sign of
 * {@link dev.oxistore.kv.Bytes#compare} on their encodings. Encodings are never empty.
 *
 * <p>Rules, for every implementation:
 * <ul>
 *   <li>{@code decode(encode(k))} equals {@code k}; {@code encode} is a pure function.</li>
 *   <li>A key that has no encoding (null, or one the codec cannot represent) raises
 *       {@link InvalidArgumentException}.</li>
 *   <li>Bytes that are not an encoding raise {@link dev.oxistore.kv.CorruptionException}, never
 *       an unchecked exception of another kind.</li>
 * </ul>
 *
 * <p>The codecs of {@link KeyCodecs} follow these rules; any codec that does can also be a
 * component of {@link KeyCodecs#tuple(KeyCodec, KeyCodec)}, which makes it self-delimiting there.
 * Implementations must be thread-safe.
 */
public interface KeyCodec<K> {

    /**
     * The non-empty encoding of {@code key}.
     *
     * @throws InvalidArgumentException when {@code key} is null or has no encoding
     */
    byte[] encode(K key);

    /**
     * The key encoded by {@code bytes}.
     *
     * @throws dev.oxistore.kv.CorruptionException when the bytes are not a valid encoding
     */
    K decode(byte[] bytes);

    /**
     * A codec for {@code T} that stores {@code to.apply(t)} with this codec: an {@code Instant}
     * as {@code int64()} epoch milliseconds, an enum by its {@code int32()} code. Its order is the
     * order of the mapped keys, so {@code to} must be monotonic for {@code T}'s natural order to
     * be kept, and {@code from} must invert it. An exception from {@code from} while decoding
     * becomes a {@link dev.oxistore.kv.CorruptionException}. Mapping a {@link KeyCodecs} codec
     * keeps its compact tuple form.
     *
     * @throws InvalidArgumentException when a function is null
     */
    default <T> KeyCodec<T> map(Function<? super T, ? extends K> to, Function<? super K, ? extends T> from) {
        if (to == null || from == null) {
            throw new InvalidArgumentException("map needs both functions: 'to' (T to key) and 'from' (key to T)");
        }
        return new MappedCodec<>(Component.of(this), to, from);
    }
}
