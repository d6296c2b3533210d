package dev.oxistore.kv.typed;

import java.util.List;
import java.util.UUID;

/**
 * The order-preserving key codecs. Each keeps the documented order of its type in the store's
 * byte order ({@link dev.oxistore.kv.Bytes#compare}), so range scans over a
 * {@link TypedKvStore} visit keys in that order. All are thread-safe singletons or values.
 *
 * <p>Formats (stable: they are what is on disk):
 * <ul>
 *   <li>{@link #int64()}, {@link #int32()}: big-endian two's complement with the sign bit flipped,
 *       8 and 4 bytes.</li>
 *   <li>{@link #uuid()}: the most significant then least significant 64 bits, each as
 *       {@code int64()}, 16 bytes.</li>
 *   <li>{@link #utf8()}, {@link #bytes()}: the plain UTF-8 bytes or the bytes themselves.</li>
 *   <li>{@link #tuple(KeyCodec, KeyCodec) tuple(...)}: the components one after another; a
 *       variable-length component followed by another has each {@code 0x00} written as
 *       {@code 0x00 0xFF} and ends with {@code 0x00 0x00}, so it is self-delimiting and keeps its
 *       order. The last component, and fixed-width components anywhere, are written plainly.</li>
 * </ul>
 */
public final class KeyCodecs {

    private KeyCodecs() {
    }

    /** Signed longs in numeric order: {@code Long.MIN_VALUE} first. 8 bytes. */
    public static KeyCodec<Long> int64() {
        return BuiltinCodecs.INT64;
    }

    /** Signed ints in numeric order: {@code Integer.MIN_VALUE} first. 4 bytes. */
    public static KeyCodec<Integer> int32() {
        return BuiltinCodecs.INT32;
    }

    /**
     * UUIDs in exactly the order of {@link UUID#compareTo}, which compares the most, then the
     * least significant 64 bits as <em>signed</em> longs. That is not the order of the UUIDs'
     * string forms (or of RFC 9562 / unsigned comparison): {@code 80000000-...} sorts before
     * {@code 00000000-...}. To scan in string order, map the UUID to its 16 bytes with
     * {@link #bytes()}. 16 bytes.
     */
    public static KeyCodec<UUID> uuid() {
        return BuiltinCodecs.UUIDS;
    }

    /**
     * Strings as UTF-8, in Unicode code point order. That differs from {@link String#compareTo},
     * which compares UTF-16 chars, when a supplementary character (stored as a surrogate pair,
     * {@code U+10000} and above) meets a character in {@code U+E000..U+FFFF}: code point order
     * puts the supplementary one last. Compare with {@code a.codePoints()} to match the store.
     *
     * <p>A string with an unpaired surrogate has no UTF-8 form and raises
     * {@link dev.oxistore.kv.InvalidArgumentException}; bytes that are not well-formed UTF-8 raise
     * {@link dev.oxistore.kv.CorruptionException}. The empty string has no encoding on its own
     * (store keys are non-empty) but is allowed as a tuple component.
     */
    public static KeyCodec<String> utf8() {
        return BuiltinCodecs.UTF8;
    }

    /**
     * Byte arrays as themselves, in unsigned lexicographic order. The empty array has no encoding
     * on its own (store keys are non-empty) but is allowed as a tuple component. Arrays are
     * copied in both directions.
     */
    public static KeyCodec<byte[]> bytes() {
        return BuiltinCodecs.BYTES;
    }

    /**
     * Pairs, ordered by {@code first}'s order, then {@code second}'s. Any {@link KeyCodec} may be a
     * component, including another tuple; codecs not from this class are escaped and terminated
     * when not last, like {@code utf8()}. Empty strings and arrays are allowed as components.
     *
     * <p>{@link TypedRange#prefix(KeyCodec, KeyCodec, Object)} scans every key whose first
     * component (or first components, given as a tuple codec) equals a value.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException when a codec is null
     */
    public static <A, B> KeyCodec<Tuple2<A, B>> tuple(KeyCodec<A> first, KeyCodec<B> second) {
        return new TupleCodec<>(List.of(part(first), part(second)),
                t -> new Object[] {t.first(), t.second()},
                v -> new Tuple2<>(cast(v[0]), cast(v[1])));
    }

    /**
     * Triples, ordered by {@code first}'s order, then {@code second}'s, then {@code third}'s; see
     * {@link #tuple(KeyCodec, KeyCodec)}.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException when a codec is null
     */
    public static <A, B, C> KeyCodec<Tuple3<A, B, C>> tuple(KeyCodec<A> first, KeyCodec<B> second, KeyCodec<C> third) {
        return new TupleCodec<>(List.of(part(first), part(second), part(third)),
                t -> new Object[] {t.first(), t.second(), t.third()},
                v -> new Tuple3<>(cast(v[0]), cast(v[1]), cast(v[2])));
    }

    @SuppressWarnings("unchecked")
    private static Component<Object> part(KeyCodec<?> codec) {
        return (Component<Object>) Component.of(codec);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
