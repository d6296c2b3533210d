package dev.oxistore.kv.typed;

import static dev.oxistore.kv.typed.KeyCodecs.int64;
import static dev.oxistore.kv.typed.KeyCodecs.tuple;
import static dev.oxistore.kv.typed.KeyCodecs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.spi.KvEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed view over the in-memory engine: point operations, CAS, TTL, scans against a model. */
class TypedKvStoreTest {

    private static final Comparator<Tuple2<String, Long>> ORDER =
            KeyCase.pairs(Gen.CODE_POINT_ORDER, Comparator.<Long>naturalOrder());

    private final AtomicLong millis = new AtomicLong(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final KvStore store = openMemory(StoreConfig.builder().clock(clock).build());

    private final KeyCodec<Tuple2<String, Long>> keys = tuple(utf8(), int64());
    private final TypedKvStore<Tuple2<String, Long>, String> orders =
            TypedKvStore.of(store.keyspace("orders"), keys, ValueCodecs.utf8());

    /** The in-memory engine, found the way the facade finds engines. */
    static KvStore openMemory(StoreConfig config) {
        for (KvEngine engine : ServiceLoader.load(KvEngine.class)) {
            if (engine.kind() == EngineKind.MEMORY) {
                return engine.openInMemory(config);
            }
        }
        throw new AssertionError("no MEMORY KvEngine found by ServiceLoader: register the in-memory engine in"
                + " oxistore-core's META-INF/services/dev.oxistore.kv.spi.KvEngine");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Tuple2<String, Long> key(String s, long n) {
        return new Tuple2<>(s, n);
    }

    private static <K, V> List<TypedEntry<K, V>> drain(TypedCursor<K, V> cursor) {
        try (cursor) {
            List<TypedEntry<K, V>> out = new ArrayList<>();
            cursor.forEachRemaining(out::add);
            return out;
        }
    }

    @Test
    void pointOperations() {
        assertThat(orders.get(key("alice", 1))).isNull();
        assertThat(orders.contains(key("alice", 1))).isFalse();
        orders.put(key("alice", 1), "book");
        orders.put(key("alice", 1), "pen");
        orders.put(key("", -1), "");
        assertThat(orders.get(key("alice", 1))).isEqualTo("pen");
        assertThat(orders.get(key("", -1))).isEmpty();
        assertThat(orders.contains(key("alice", 1))).isTrue();
        assertThat(orders.count()).isEqualTo(2);
        orders.delete(key("alice", 1));
        orders.delete(key("nobody", 0));
        assertThat(orders.get(key("alice", 1))).isNull();
        assertThat(orders.count()).isEqualTo(1);
        // Writes go to the keyspace as plain encoded bytes.
        assertThat(store.keyspace("orders").get(tuple(utf8(), int64()).encode(key("", -1)))).isEmpty();
        assertThat(store.get(tuple(utf8(), int64()).encode(key("", -1)))).isNull();
    }

    @Test
    void compareAndSetHasTheNullRulesOfTheByteApi() {
        var k = key("c", 0);
        assertThat(orders.compareAndSet(k, "x", "y")).isFalse();
        assertThat(orders.compareAndSet(k, null, "a")).isTrue();
        assertThat(orders.compareAndSet(k, null, "b")).isFalse();
        assertThat(orders.compareAndSet(k, "zzz", "b")).isFalse();
        assertThat(orders.compareAndSet(k, "a", "b")).isTrue();
        assertThat(orders.get(k)).isEqualTo("b");
        assertThat(orders.compareAndSet(k, "b", null)).isTrue();
        assertThat(orders.contains(k)).isFalse();
    }

    @Test
    void putWithTtlExpiresOnTheStoreClock() {
        orders.put(key("t", 1), "soon", Duration.ofSeconds(10));
        orders.put(key("t", 2), "kept");
        assertThat(orders.get(key("t", 1))).isEqualTo("soon");
        millis.addAndGet(Duration.ofSeconds(11).toMillis());
        assertThat(orders.get(key("t", 1))).isNull();
        assertThat(orders.contains(key("t", 1))).isFalse();
        assertThat(drain(orders.scan())).extracting(TypedEntry::key).containsExactly(key("t", 2));
        assertThatThrownBy(() -> orders.put(key("t", 3), "v", Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void nullsAreInvalidArguments() {
        assertThatThrownBy(() -> orders.get(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> orders.put(key("a", 1), null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("delete");
        assertThatThrownBy(() -> orders.scan(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> TypedKvStore.of(store, null, ValueCodecs.utf8())).isInstanceOf(InvalidArgumentException.class);
        var strings = TypedKvStore.of(store, utf8(), ValueCodecs.utf8());
        assertThatThrownBy(() -> strings.put("", "v")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void scansOrderByComponentsAndPrefixSelectsTheFirstComponent() {
        for (String who : List.of("alice", "alice2", "al", "bob", "")) {
            for (long n : new long[] {Long.MIN_VALUE, -1, 0, 7, Long.MAX_VALUE}) {
                orders.put(key(who, n), who + n);
            }
        }
        List<Tuple2<String, Long>> alice = drain(orders.scan(TypedRange.prefix(keys, utf8(), "alice")))
                .stream().map(TypedEntry::key).toList();
        assertThat(alice).containsExactly(key("alice", Long.MIN_VALUE), key("alice", -1), key("alice", 0),
                key("alice", 7), key("alice", Long.MAX_VALUE));
        assertThat(drain(orders.scan(TypedRange.prefix(keys, utf8(), "alice").reversed())))
                .extracting(TypedEntry::key).containsExactlyElementsOf(alice.reversed());
        assertThat(drain(orders.scan(TypedRange.between(key("al", 0), key("alice", 0)))))
                .extracting(TypedEntry::value).containsExactly("al0", "al7", "al" + Long.MAX_VALUE,
                        "alice" + Long.MIN_VALUE, "alice-1");
        assertThat(drain(orders.scan())).extracting(TypedEntry::key).first().isEqualTo(key("", Long.MIN_VALUE));
        assertThat(drain(orders.scan(TypedRange.<Tuple2<String, Long>>all().reversed()))).extracting(TypedEntry::key)
                .first().isEqualTo(key("bob", Long.MAX_VALUE));
    }

    /** Random operations against a TreeMap model, with every kind of range, forward and reverse. */
    @Test
    void randomOperationsMatchATreeMapModel() {
        long seed = Gen.seed();
        SplittableRandom r = new SplittableRandom(seed);
        NavigableMap<Tuple2<String, Long>, String> model = new TreeMap<>(ORDER);
        int scans = 0;
        for (int step = 0; step < 3000 * Gen.soak(); step++) {
            var k = randomKey(r);
            String v = Gen.utf8(r, 0);
            String at = "seed " + seed + ", step " + step + ", key " + Gen.show(k);
            switch (r.nextInt(6)) {
                case 0, 1 -> {
                    orders.put(k, v);
                    model.put(k, v);
                }
                case 2 -> {
                    orders.delete(k);
                    model.remove(k);
                }
                case 3 -> {
                    String expected = r.nextBoolean() ? model.get(k) : Gen.utf8(r, 0);
                    String next = r.nextInt(4) == 0 ? null : v;
                    boolean swapped = java.util.Objects.equals(model.get(k), expected);
                    assertThat(orders.compareAndSet(k, expected, next)).as(at).isEqualTo(swapped);
                    if (swapped) {
                        if (next == null) {
                            model.remove(k);
                        } else {
                            model.put(k, next);
                        }
                    }
                }
                case 4 -> assertThat(orders.get(k)).as(at).isEqualTo(model.get(k));
                default -> {
                    scans++;
                    checkRandomScan(r, model, at);
                }
            }
        }
        assertThat(orders.count()).as("seed %d", seed).isEqualTo(model.size());
        assertThat(drain(orders.scan())).as("seed %d", seed).containsExactlyElementsOf(entries(model));
        assertThat(scans).isPositive();
    }

    private void checkRandomScan(SplittableRandom r, NavigableMap<Tuple2<String, Long>, String> model, String at) {
        var a = randomKey(r);
        var b = randomKey(r);
        var lo = ORDER.compare(a, b) <= 0 ? a : b;
        var hi = lo == a ? b : a;
        String who = randomKey(r).first();
        TypedRange<Tuple2<String, Long>> range;
        NavigableMap<Tuple2<String, Long>, String> expected;
        switch (r.nextInt(5)) {
            case 0 -> {
                range = TypedRange.all();
                expected = model;
            }
            case 1 -> {
                range = TypedRange.between(lo, hi);
                expected = model.subMap(lo, true, hi, false);
            }
            case 2 -> {
                range = TypedRange.atLeast(lo);
                expected = model.tailMap(lo, true);
            }
            case 3 -> {
                range = TypedRange.lessThan(hi);
                expected = model.headMap(hi, false);
            }
            default -> {
                range = TypedRange.prefix(keys, utf8(), who);
                expected = model.subMap(key(who, Long.MIN_VALUE), true, key(who, Long.MAX_VALUE), true);
            }
        }
        if (r.nextBoolean()) {
            range = range.reversed();
            expected = expected.descendingMap();
        }
        assertThat(drain(orders.scan(range))).as(at + ", " + range).containsExactlyElementsOf(entries(expected));
    }

    private static List<TypedEntry<Tuple2<String, Long>, String>> entries(Map<Tuple2<String, Long>, String> m) {
        return m.entrySet().stream().map(e -> new TypedEntry<>(e.getKey(), e.getValue())).toList();
    }

    /** Keys from a small universe, so operations collide and prefixes share. */
    private static Tuple2<String, Long> randomKey(SplittableRandom r) {
        String[] names = {"", "a", "a\0", "a\0b", "ab", "\uFFFF", "\uD83D\uDE00", "b"};
        long[] numbers = {Long.MIN_VALUE, -2, -1, 0, 1, 2, Long.MAX_VALUE};
        return key(names[r.nextInt(names.length)], numbers[r.nextInt(numbers.length)]);
    }

    @Test
    void keyspacesAreSeparateViews() {
        var ids = TypedKvStore.of(store, int64(), ValueCodecs.int64());
        var other = TypedKvStore.of(store.keyspace("other"), int64(), ValueCodecs.int64());
        ids.put(1L, 10L);
        other.put(1L, 20L);
        assertThat(ids.get(1L)).isEqualTo(10L);
        assertThat(other.get(1L)).isEqualTo(20L);
        assertThat(ids.keyspace().name()).isEqualTo(KvStore.DEFAULT_KEYSPACE);
    }

    @Test
    void foreignEntriesAreCorruptionOnlyWhenReachedSoCursorsDecodeLazily() {
        var ids = TypedKvStore.of(store.keyspace("ids"), int64(), ValueCodecs.int64());
        ids.put(1L, 1L);
        ids.put(2L, 2L);
        store.keyspace("ids").put(new byte[] {(byte) 0xFF}, new byte[] {1});   // a 1-byte key: not an int64 key
        try (TypedCursor<Long, Long> c = ids.scan()) {
            assertThat(c.next()).isEqualTo(new TypedEntry<>(1L, 1L));
            assertThat(c.next()).isEqualTo(new TypedEntry<>(2L, 2L));
            assertThat(c.hasNext()).isTrue();
            assertThatThrownBy(c::next).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("keyspace 'ids'").hasMessageContaining("KeyCodecs.int64()");
        }
        store.keyspace("ids").put(int64().encode(3L), new byte[] {1, 2});
        assertThatThrownBy(() -> ids.get(3L)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("ValueCodecs.int64()");
    }

    @Test
    void cursorsCloseAndStreamsCloseTheirCursor() {
        orders.put(key("s", 1), "one");
        orders.put(key("s", 2), "two");
        TypedCursor<Tuple2<String, Long>, String> cursor = orders.scan(TypedRange.prefix(keys, utf8(), "s"));
        try (Stream<TypedEntry<Tuple2<String, Long>, String>> s = cursor.stream()) {
            assertThat(s.map(TypedEntry::value).toList()).containsExactly("one", "two");
        }
        assertThatThrownBy(cursor::hasNext).isInstanceOf(StoreClosedException.class);
        cursor.close();
    }

    @Test
    void byteArrayKeysAndValuesWithTheTypedRangeUsedOnTheByteApi() {
        var blobs = TypedKvStore.of(store.keyspace("blobs"), tuple(KeyCodecs.bytes(), KeyCodecs.bytes()), ValueCodecs.bytes());
        byte[] ff = {(byte) 0xFF};
        byte[] zero = {0};
        blobs.put(new Tuple2<>(ff, zero), zero);
        blobs.put(new Tuple2<>(ff, new byte[0]), ff);
        blobs.put(new Tuple2<>(new byte[] {(byte) 0xFF, 0}, zero), new byte[0]);
        assertThat(blobs.get(new Tuple2<>(ff, new byte[0]))).isEqualTo(ff);
        assertThat(drain(blobs.scan(TypedRange.prefix(blobs.keyCodec(), KeyCodecs.bytes(), ff)))).containsExactly(
                new TypedEntry<>(new Tuple2<>(ff, new byte[0]), ff), new TypedEntry<>(new Tuple2<>(ff, zero), zero));
        KeyRange bytesRange = TypedRange.prefix(blobs.keyCodec(), KeyCodecs.bytes(), ff).toKeyRange(blobs.keyCodec());
        try (var snapshot = store.snapshot(); var raw = snapshot.keyspace("blobs").scan(bytesRange)) {
            assertThat(raw.stream().count()).isEqualTo(2);
        }
    }
}
