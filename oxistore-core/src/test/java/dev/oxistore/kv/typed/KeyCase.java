package dev.oxistore.kv.typed;

import static dev.oxistore.kv.typed.KeyCodecs.bytes;
import static dev.oxistore.kv.typed.KeyCodecs.int32;
import static dev.oxistore.kv.typed.KeyCodecs.int64;
import static dev.oxistore.kv.typed.KeyCodecs.tuple;
import static dev.oxistore.kv.typed.KeyCodecs.utf8;
import static dev.oxistore.kv.typed.KeyCodecs.uuid;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/** The key codec matrix: each codec with a generator of its keys and the order it must keep. */
enum KeyCase {
    INT64(int64(), Gen::int64, Comparator.<Long>naturalOrder()),
    INT32(int32(), Gen::int32, Comparator.<Integer>naturalOrder()),
    UUIDS(uuid(), Gen::uuid, Comparator.<UUID>naturalOrder()),
    UTF8(utf8(), r -> Gen.utf8(r, 1), Gen.CODE_POINT_ORDER),
    BYTES(bytes(), r -> Gen.bytes(r, 1), Gen.UNSIGNED),
    MAPPED_INSTANT(Gen.INSTANT, Gen::instant, Comparator.naturalOrder()),
    FOREIGN_LATIN1(Gen.LATIN1, Gen::latin1, Comparator.<String>naturalOrder()),
    UTF8_INT64(tuple(utf8(), int64()),
            r -> new Tuple2<>(Gen.utf8(r, 0), Gen.int64(r)),
            pairs(Gen.CODE_POINT_ORDER, Comparator.<Long>naturalOrder())),
    BYTES_BYTES(tuple(bytes(), bytes()),
            r -> new Tuple2<>(Gen.bytes(r, 0), Gen.bytes(r, 0)),
            pairs(Gen.UNSIGNED, Gen.UNSIGNED)),
    INT32_UTF8_BYTES(tuple(int32(), utf8(), bytes()),
            r -> new Tuple3<>(Gen.int32(r) % 3, Gen.utf8(r, 0), Gen.bytes(r, 0)),
            triples(Comparator.<Integer>naturalOrder(), Gen.CODE_POINT_ORDER, Gen.UNSIGNED)),
    UUID_LATIN1(tuple(uuid(), Gen.LATIN1),
            r -> new Tuple2<>(r.nextBoolean() ? new UUID(-1, 1) : Gen.uuid(r), Gen.latin1(r)),
            pairs(Comparator.<UUID>naturalOrder(), Comparator.<String>naturalOrder())),
    LATIN1_BYTES_LATIN1(tuple(Gen.LATIN1, bytes(), Gen.LATIN1),
            r -> new Tuple3<>(Gen.latin1(r), Gen.bytes(r, 0), Gen.latin1(r)),
            triples(Comparator.<String>naturalOrder(), Gen.UNSIGNED, Comparator.<String>naturalOrder())),
    INSTANT_UTF8(tuple(Gen.INSTANT, utf8()),
            r -> new Tuple2<>(Gen.instant(r), Gen.utf8(r, 0)),
            pairs(Comparator.<java.time.Instant>naturalOrder(), Gen.CODE_POINT_ORDER)),
    NESTED_FIRST(tuple(tuple(bytes(), utf8()), bytes()),
            r -> new Tuple2<>(new Tuple2<>(Gen.bytes(r, 0), Gen.utf8(r, 0)), Gen.bytes(r, 0)),
            pairs(pairs(Gen.UNSIGNED, Gen.CODE_POINT_ORDER), Gen.UNSIGNED)),
    NESTED_LAST(tuple(bytes(), tuple(utf8(), bytes())),
            r -> new Tuple2<>(Gen.bytes(r, 0), new Tuple2<>(Gen.utf8(r, 0), Gen.bytes(r, 0))),
            pairs(Gen.UNSIGNED, pairs(Gen.CODE_POINT_ORDER, Gen.UNSIGNED)));

    final KeyCodec<Object> codec;
    final Function<SplittableRandom, Object> gen;
    final Comparator<Object> order;

    @SuppressWarnings("unchecked")
    <K> KeyCase(KeyCodec<K> codec, Function<SplittableRandom, ? extends K> gen, Comparator<? super K> order) {
        this.codec = (KeyCodec<Object>) codec;
        this.gen = (Function<SplittableRandom, Object>) gen;
        this.order = (Comparator<Object>) order;
    }

    Object next(SplittableRandom r) {
        return gen.apply(r);
    }

    static <A, B> Comparator<Tuple2<A, B>> pairs(Comparator<? super A> a, Comparator<? super B> b) {
        return Comparator.<Tuple2<A, B>, A>comparing(Tuple2::first, a).thenComparing(Tuple2::second, b);
    }

    static <A, B, C> Comparator<Tuple3<A, B, C>> triples(Comparator<? super A> a, Comparator<? super B> b,
                                                         Comparator<? super C> c) {
        return Comparator.<Tuple3<A, B, C>, A>comparing(Tuple3::first, a).thenComparing(Tuple3::second, b)
                .thenComparing(Tuple3::third, c);
    }
}
