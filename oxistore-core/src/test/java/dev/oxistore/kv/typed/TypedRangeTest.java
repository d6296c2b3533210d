package dev.oxistore.kv.typed;

import static dev.oxistore.kv.typed.KeyCodecs.bytes;
import static dev.oxistore.kv.typed.KeyCodecs.int32;
import static dev.oxistore.kv.typed.KeyCodecs.int64;
import static dev.oxistore.kv.typed.KeyCodecs.tuple;
import static dev.oxistore.kv.typed.KeyCodecs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Typed ranges resolve to byte ranges holding exactly the keys they name. */
class TypedRangeTest {

    @Test
    void boundsResolveThroughTheCodec() {
        KeyRange r = TypedRange.between(-1L, 5L).toKeyRange(int64());
        assertThat(r).isEqualTo(KeyRange.between(int64().encode(-1L), int64().encode(5L)));
        assertThat(TypedRange.<Long>atLeast(3L).reversed().toKeyRange(int64()))
                .isEqualTo(KeyRange.atLeast(int64().encode(3L)).reversed());
        assertThat(TypedRange.<Long>lessThan(3L).toKeyRange(int64())).isEqualTo(KeyRange.lessThan(int64().encode(3L)));
        assertThat(TypedRange.<Long>all().toKeyRange(int64())).isEqualTo(KeyRange.all());
        assertThat(TypedRange.<Long>all().reversed().reversed().isReverse()).isFalse();
    }

    @Test
    void invertedAndNullBoundsAreInvalid() {
        assertThatThrownBy(() -> TypedRange.between(5L, -1L).toKeyRange(int64())).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TypedRange.between(null, 1L)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TypedRange.atLeast(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TypedRange.<Long>all().toKeyRange(null)).isInstanceOf(InvalidArgumentException.class);
    }

    /** The soundness property: a key is in the prefix range exactly when its first component matches. */
    @Test
    void prefixRangeHoldsExactlyTheKeysWithThatFirstComponent() {
        long seed = Gen.seed();
        SplittableRandom r = new SplittableRandom(seed);
        var codec = tuple(bytes(), utf8());
        var nested = tuple(bytes(), tuple(utf8(), int32()));
        int inside = 0;
        for (int i = 0; i < 5000 * Gen.soak(); i++) {
            byte[] p = Gen.bytes(r, 0);
            var key = new Tuple2<>(r.nextInt(4) == 0 ? p.clone() : Gen.bytes(r, 0), Gen.utf8(r, 0));
            KeyRange range = TypedRange.prefix(codec, bytes(), p).toKeyRange(codec);
            boolean expected = Objects.deepEquals(key.first(), p);
            inside += expected ? 1 : 0;
            assertThat(range.contains(codec.encode(key)))
                    .as(() -> "seed " + seed + ": prefix " + Gen.show(p) + ", key " + Gen.show(key)).isEqualTo(expected);
            var deep = new Tuple2<>(key.first(), new Tuple2<>(key.second(), Gen.int32(r) % 2));
            var two = new Tuple2<>(p, r.nextBoolean() ? key.second() : Gen.utf8(r, 0));
            KeyRange twoRange = TypedRange.prefix(nested, tuple(bytes(), utf8()), two).toKeyRange(nested);
            assertThat(twoRange.contains(nested.encode(deep)))
                    .as(() -> "seed " + seed + ": prefix " + Gen.show(two) + ", key " + Gen.show(deep))
                    .isEqualTo(two.equals(new Tuple2<>(deep.first(), deep.second().first())));
        }
        assertThat(inside).as("seed %d: keys inside the prefix were generated", seed).isPositive();
    }

    @Test
    void prefixNeedsALeadingPartOfATupleCodec() {
        var codec = tuple(utf8(), int64(), int32());
        assertThatThrownBy(() -> TypedRange.prefix(utf8(), utf8(), "a"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("needs a KeyCodecs.tuple");
        assertThatThrownBy(() -> TypedRange.prefix(codec, int64(), 1L))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not a leading part");
        // All components is not a prefix: the last one is written without a terminator.
        assertThatThrownBy(() -> TypedRange.prefix(codec, tuple(utf8(), int64(), int32()), new Tuple3<>("a", 1L, 2)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TypedRange.prefix(codec, utf8(), null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TypedRange.prefix(null, utf8(), "a")).isInstanceOf(InvalidArgumentException.class);
        // A prefix range resolved against a codec it does not fit is refused there too.
        TypedRange<Tuple2<String, Long>> alice = TypedRange.prefix(tuple(utf8(), int64()), utf8(), "alice");
        assertThatThrownBy(() -> alice.toKeyRange(tuple(int64().<String>map(s -> 0L, n -> ""), int64())))
                .isInstanceOf(InvalidArgumentException.class);

        KeyCodec<Long> mapped = int64().map(x -> x, x -> x);
        var mappedKeys = tuple(mapped, utf8());
        assertThatThrownBy(() -> TypedRange.prefix(mappedKeys, int64().map(x -> x, x -> x), 1L))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(TypedRange.prefix(mappedKeys, mapped, 1L).toKeyRange(mappedKeys)
                .contains(mappedKeys.encode(new Tuple2<>(1L, "x")))).isTrue();
        assertThat(TypedRange.prefix(codec, tuple(utf8(), int64()), new Tuple2<>("a", 1L)).toKeyRange(codec)
                .contains(codec.encode(new Tuple3<>("a", 1L, 7)))).isTrue();
        var foreign = tuple(Gen.LATIN1, utf8());
        assertThat(TypedRange.prefix(foreign, Gen.LATIN1, "a\0").toKeyRange(foreign)
                .contains(foreign.encode(new Tuple2<>("a\0", "x")))).isTrue();
        assertThat(TypedRange.prefix(foreign, Gen.LATIN1, "a\0").reversed().toKeyRange(foreign).isReverse()).isTrue();
    }
}
