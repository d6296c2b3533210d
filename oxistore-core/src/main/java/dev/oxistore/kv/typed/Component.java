package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;

/**
 * A key codec that can also write itself as one component of a tuple. Every codec inside a tuple
 * is one of these: the built-ins directly, any other {@link KeyCodec} through {@link ForeignCodec}.
 *
 * <p>{@code last} tells a component whether anything follows it in the key. A component that
 * is not last must be self-delimiting, so fixed-width codecs write the same bytes either way and
 * variable-length ones escape and terminate their bytes ({@link Sink#writeDelimited}); the last
 * component writes its plain encoding. Concatenating prefix-free, order-preserving encodings, then
 * one order-preserving encoding, preserves lexicographic order by component.
 */
interface Component<K> extends KeyCodec<K> {

    /** Appends the encoding of {@code key} (never null) to {@code out}. */
    void write(K key, Sink out, boolean last);

    /** Reads one key written by {@link #write} with the same {@code last}. */
    K read(Source in, boolean last);

    @Override
    default byte[] encode(K key) {
        if (key == null) {
            throw new InvalidArgumentException("cannot encode a null key with " + this + ": keys are non-null");
        }
        Sink out = new Sink();
        write(key, out, true);
        if (out.size() == 0) {
            throw new InvalidArgumentException(this + " encodes this key as no bytes, and store keys are non-empty:"
                    + " use a non-empty key, or make it a component of a KeyCodecs.tuple(...), where empty components are allowed");
        }
        return out.toArray();
    }

    @Override
    default K decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidArgumentException("cannot decode null bytes with " + this);
        }
        Source in = new Source(bytes, this);
        if (bytes.length == 0) {
            throw in.corrupt("an encoding is never empty");
        }
        K key = read(in, true);
        in.expectEnd();
        return key;
    }

    /** {@code codec} as a component: itself when built in, else wrapped to escape its bytes. */
    @SuppressWarnings("unchecked")
    static <K> Component<K> of(KeyCodec<K> codec) {
        if (codec == null) {
            throw new InvalidArgumentException("key codec is null: use one of KeyCodecs");
        }
        return codec instanceof Component<?> c ? (Component<K>) c : new ForeignCodec<>(codec);
    }
}
