package dev.oxistore.kv.typed;

/**
 * Turns keys of type {@code K} into store keys and back, preserving order: for any {@code a} and
 * {@code b}, the sign of {@code compare(a, b)} in the codec's documented order equals the sign of
 * {@link dev.oxistore.kv.Bytes#compare} on their encodings. Encodings are never empty.
 */
public interface KeyCodec<K> {

    /** The non-empty encoding of {@code key}. */
    byte[] encode(K key);

    /**
     * The key encoded by {@code bytes}.
     *
     * @throws dev.oxistore.kv.CorruptionException when the bytes are not a valid encoding
     */
    K decode(byte[] bytes);
}
