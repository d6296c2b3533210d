package dev.oxistore.kv.typed;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import java.util.function.Function;

/**
 * A range of typed keys to scan, the typed twin of {@link KeyRange}: {@code [from, to)} with
 * either bound open, ascending unless {@link #reversed()}. Because key codecs preserve order,
 * {@link #toKeyRange} turns it into the byte range holding exactly the keys in the range.
 * Immutable.
 *
 * <p>Rules, as for {@link KeyRange}: {@code between(a, a)} is empty; {@code between(a, b)} with
 * {@code a > b} raises {@link InvalidArgumentException} when resolved; a null bound is rejected.
 *
 * <p>Java infers {@code K} of {@link #all()} from where the range is passed, but not through
 * a following {@code .reversed()}; name it there: {@code TypedRange.<Long>all().reversed()}.
 */
public final class TypedRange<K> {

    private final Function<KeyCodec<K>, KeyRange> resolve;
    private final String text;
    private final boolean reverse;

    private TypedRange(Function<KeyCodec<K>, KeyRange> resolve, String text, boolean reverse) {
        this.resolve = resolve;
        this.text = text;
        this.reverse = reverse;
    }

    /** Every key, ascending. */
    public static <K> TypedRange<K> all() {
        return new TypedRange<>(codec -> KeyRange.all(), "all", false);
    }

    /** Keys in {@code [from, to)}, ascending. */
    public static <K> TypedRange<K> between(K from, K to) {
        bound(from, "from");
        bound(to, "to");
        return new TypedRange<>(codec -> KeyRange.between(codec.encode(from), codec.encode(to)),
                "[" + Text.show(from) + ", " + Text.show(to) + ")", false);
    }

    /** Keys greater than or equal to {@code from}, ascending. */
    public static <K> TypedRange<K> atLeast(K from) {
        bound(from, "from");
        return new TypedRange<>(codec -> KeyRange.atLeast(codec.encode(from)), "[" + Text.show(from) + ", +inf)", false);
    }

    /** Keys less than {@code to}, ascending. */
    public static <K> TypedRange<K> lessThan(K to) {
        bound(to, "to");
        return new TypedRange<>(codec -> KeyRange.lessThan(codec.encode(to)), "[-inf, " + Text.show(to) + ")", false);
    }

    /**
     * Keys of the {@link KeyCodecs#tuple(KeyCodec, KeyCodec) tuple} codec {@code keys} whose
     * leading components equal {@code value}, ascending. {@code leading} is the codec of the first
     * component, or a tuple of the codecs of the first components (then {@code value} is a
     * {@link Tuple2} or {@link Tuple3}), being the same codec instances {@code keys} was built
     * from. For {@code keys = tuple(utf8(), int64())}, {@code prefix(keys, utf8(), "alice")}
     * selects every {@code ("alice", n)} and no {@code ("alice2", n)}.
     *
     * @throws InvalidArgumentException when {@code keys} is not a tuple codec, when
     *         {@code leading} is not a leading part of it (all of its components do not count:
     *         use {@code between}), or when an argument is null
     */
    public static <K, P> TypedRange<K> prefix(KeyCodec<K> keys, KeyCodec<P> leading, P value) {
        if (leading == null) {
            throw new InvalidArgumentException("prefix codec is null: pass the codec of the key's first component");
        }
        bound(value, "prefix");
        Component<P> part = Component.of(leading);
        Function<KeyCodec<K>, KeyRange> resolve = codec -> {
            if (!(Component.of(codec) instanceof TupleCodec<K> tuple)) {
                throw new InvalidArgumentException("a prefix range needs a KeyCodecs.tuple(...) key codec, not " + codec
                        + ": use between(), atLeast() or lessThan()");
            }
            return KeyRange.prefix(tuple.prefix(part, value));
        };
        resolve.apply(keys);
        return new TypedRange<>(resolve, "prefix " + Text.show(value), false);
    }

    /** The same keys in the opposite order. */
    public TypedRange<K> reversed() {
        return new TypedRange<>(resolve, text, !reverse);
    }

    /** True when keys come in descending order. */
    public boolean isReverse() {
        return reverse;
    }

    /**
     * The byte range holding exactly the keys of this range under {@code codec}, for the byte API
     * (snapshots, transactions).
     *
     * @throws InvalidArgumentException when the bounds are inverted, a bound has no encoding, or
     *         a prefix does not fit {@code codec}
     */
    public KeyRange toKeyRange(KeyCodec<K> codec) {
        if (codec == null) {
            throw new InvalidArgumentException("key codec is null: pass the codec the keys were written with");
        }
        KeyRange range = resolve.apply(codec);
        return reverse ? range.reversed() : range;
    }

    private static void bound(Object b, String name) {
        if (b == null) {
            throw new InvalidArgumentException("range bound '" + name
                    + "' is null: use TypedRange.all(), atLeast() or lessThan() for an open range");
        }
    }

    @Override
    public String toString() {
        return "TypedRange[" + text + "]" + (reverse ? " reversed" : "");
    }
}
