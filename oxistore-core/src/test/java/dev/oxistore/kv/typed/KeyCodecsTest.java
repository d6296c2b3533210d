package dev.oxistore.kv.typed;

import static dev.oxistore.kv.typed.KeyCodecs.bytes;
import static dev.oxistore.kv.typed.KeyCodecs.int32;
import static dev.oxistore.kv.typed.KeyCodecs.int64;
import static dev.oxistore.kv.typed.KeyCodecs.tuple;
import static dev.oxistore.kv.typed.KeyCodecs.utf8;
import static dev.oxistore.kv.typed.KeyCodecs.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.time.DayOfWeek;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exact formats, edge values, rejected input and malformed bytes of the key codecs. */
class KeyCodecsTest {

    private static <K> K roundTrip(KeyCodec<K> codec, K key) {
        return codec.decode(codec.encode(key));
    }

    private static String hex(byte[] b) {
        return Bytes.hex(b);
    }

    @Test
    void formatsAreThePinnedOnDiskFormats() {
        assertThat(hex(int64().encode(0L))).isEqualTo("8000000000000000");
        assertThat(hex(int64().encode(-1L))).isEqualTo("7fffffffffffffff");
        assertThat(hex(int64().encode(Long.MIN_VALUE))).isEqualTo("0000000000000000");
        assertThat(hex(int64().encode(Long.MAX_VALUE))).isEqualTo("ffffffffffffffff");
        assertThat(hex(int32().encode(1))).isEqualTo("80000001");
        assertThat(hex(uuid().encode(new UUID(0, -1)))).isEqualTo("80000000000000007fffffffffffffff");
        assertThat(hex(utf8().encode("a\u00e9"))).isEqualTo("61c3a9");
        assertThat(hex(bytes().encode(new byte[] {0, (byte) 0xFF}))).isEqualTo("00ff");
        assertThat(hex(tuple(utf8(), utf8()).encode(new Tuple2<>("a\0", "b")))).isEqualTo("6100ff000062");
        assertThat(hex(tuple(bytes(), int32()).encode(new Tuple2<>(new byte[0], 1)))).isEqualTo("000080000001");
        assertThat(hex(tuple(int32(), bytes()).encode(new Tuple2<>(1, new byte[0])))).isEqualTo("80000001");
    }

    @Test
    void integersRoundTripAtTheEdges() {
        for (long v : Gen.EDGE_LONGS) {
            assertThat(roundTrip(int64(), v)).isEqualTo(v);
        }
        for (int v : Gen.EDGE_INTS) {
            assertThat(roundTrip(int32(), v)).isEqualTo(v);
        }
        assertThat(Bytes.compare(int64().encode(-1L), int64().encode(0L))).isNegative();
        assertThat(Bytes.compare(int32().encode(Integer.MIN_VALUE), int32().encode(-1))).isNegative();
    }

    @Test
    void uuidsRoundTripAndOrderAsUuidCompareToWithSignedHalves() {
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000000");
        UUID lsbHigh = UUID.fromString("00000000-0000-0000-ffff-ffffffffffff");
        for (UUID u : List.of(high, low, lsbHigh, new UUID(-1, -1), new UUID(Long.MIN_VALUE, Long.MAX_VALUE), UUID.randomUUID())) {
            assertThat(roundTrip(uuid(), u)).isEqualTo(u);
        }
        // Signed: 8000... sorts before 0000..., unlike the string form; the codec follows compareTo.
        assertThat(high.compareTo(low)).isNegative();
        assertThat(Bytes.compare(uuid().encode(high), uuid().encode(low))).isNegative();
        assertThat(Bytes.compare(uuid().encode(lsbHigh), uuid().encode(low))).isNegative();
    }

    @Test
    void stringsRoundTripWithNulAndSupplementaryCharacters() {
        for (String s : List.of("a", "\0", "a\0b", "\0\0", "\uFFFF", "\uD83D\uDE00", "x\uDBFF\uDFFFy", "\u00e9\u4e2d")) {
            assertThat(roundTrip(utf8(), s)).isEqualTo(s);
            assertThat(roundTrip(tuple(utf8(), utf8()), new Tuple2<>(s, s))).isEqualTo(new Tuple2<>(s, s));
        }
    }

    @Test
    void utf8OrdersByCodePointNotByStringCompareTo() {
        String supplementary = "\uD83D\uDE00"; // U+1F600, as a surrogate pair
        String bmp = "\uFFFD";                 // U+FFFD, above the surrogates as a char
        assertThat(supplementary.compareTo(bmp)).isNegative();
        assertThat(Bytes.compare(utf8().encode(supplementary), utf8().encode(bmp))).isPositive();
        assertThat(Gen.CODE_POINT_ORDER.compare(supplementary, bmp)).isPositive();
    }

    @Test
    void unpairedSurrogatesAreRejectedBecauseTheyCannotRoundTrip() {
        for (String bad : List.of("\uD800", "a\uDC00", "\uDBFFx", "\uDE00\uD83D")) {
            assertThatThrownBy(() -> utf8().encode(bad)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> tuple(utf8(), int32()).encode(new Tuple2<>(bad, 1)))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void emptyStringsAndArraysAreKeysOnlyInsideTuples() {
        assertThatThrownBy(() -> utf8().encode("")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("tuple");
        assertThatThrownBy(() -> bytes().encode(new byte[0])).isInstanceOf(InvalidArgumentException.class);
        var strings = tuple(utf8(), utf8());
        for (Tuple2<String, String> t : List.of(new Tuple2<>("", ""), new Tuple2<>("", "a"), new Tuple2<>("a", ""))) {
            assertThat(roundTrip(strings, t)).isEqualTo(t);
        }
        var arrays = tuple(bytes(), bytes(), bytes());
        byte[] e = {};
        byte[] ff = {(byte) 0xFF, 0, (byte) 0xFF};
        for (Tuple3<byte[], byte[], byte[]> t : List.of(new Tuple3<>(e, e, e), new Tuple3<>(ff, e, ff), new Tuple3<>(e, ff, e),
                new Tuple3<>(new byte[] {0}, new byte[] {0, 0}, new byte[] {0}))) {
            assertThat(roundTrip(arrays, t)).isEqualTo(t);
        }
    }

    @Test
    void nullKeysAreInvalidArguments() {
        assertThatThrownBy(() -> int64().encode(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> utf8().decode(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new Tuple2<>("a", null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new Tuple3<>(1, null, 2)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> tuple(utf8(), null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> int64().map(null, x -> x)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void malformedBytesRaiseCorruptionNamingTheCodecAndTheProblem() {
        assertCorrupt(int64(), "01020304050607", "needs 8 bytes");
        assertCorrupt(int64(), "010203040506070809", "trailing");
        assertCorrupt(int32(), "010203", "needs 4 bytes");
        assertCorrupt(uuid(), "00".repeat(15), "needs 8 bytes");
        assertCorrupt(utf8(), "c080", "UTF-8");         // overlong NUL
        assertCorrupt(utf8(), "eda080", "UTF-8");       // an encoded surrogate (CESU-8)
        assertCorrupt(utf8(), "e282", "UTF-8");         // truncated sequence
        assertCorrupt(utf8(), "80", "UTF-8");           // lone continuation byte
        assertCorrupt(bytes(), "", "never empty");
        var pair = tuple(utf8(), int64());
        assertCorrupt(pair, "6162", "no 00 00 terminator");
        assertCorrupt(pair, "610001", "00 followed by 01");
        assertCorrupt(pair, "6100", "lone 00");
        assertCorrupt(pair, "61000080", "needs 8 bytes");
        assertCorrupt(tuple(int32(), int32()), "8000000180000001ff", "trailing");
        assertCorrupt(tuple(Gen.LATIN1, int32()), "000080000001", "latin1");
        assertThatThrownBy(() -> int64().decode(Bytes.fromHex("01")))
                .hasMessageContaining("KeyCodecs.int64()").hasMessageContaining("[01]");
    }

    private static void assertCorrupt(KeyCodec<?> codec, String hex, String problem) {
        assertThatThrownBy(() -> codec.decode(Bytes.fromHex(hex)))
                .as("%s decoding %s", codec, hex)
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void foreignCodecsAreEscapedInsideTuplesAndPlainAtTheEnd() {
        var t = tuple(Gen.LATIN1, Gen.LATIN1);
        var key = new Tuple2<>("a\0", "\0\u00ff");
        assertThat(hex(t.encode(key))).isEqualTo("6100ff000000ff");
        assertThat(t.decode(t.encode(key))).isEqualTo(key);
    }

    @Test
    void mapKeepsTheBaseFormatAndTurnsRejectionIntoCorruption() {
        KeyCodec<DayOfWeek> days = int32().map(DayOfWeek::getValue, DayOfWeek::of);
        assertThat(days.encode(DayOfWeek.MONDAY)).isEqualTo(int32().encode(1));
        assertThat(roundTrip(days, DayOfWeek.SUNDAY)).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(Bytes.compare(days.encode(DayOfWeek.MONDAY), days.encode(DayOfWeek.TUESDAY))).isNegative();
        assertThatThrownBy(() -> days.decode(int32().encode(8))).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("'from' function");
        var inTuple = tuple(days, utf8());
        // Fixed width in a tuple: no escaping, the base codec's 4 bytes.
        assertThat(hex(inTuple.encode(new Tuple2<>(DayOfWeek.MONDAY, "x")))).isEqualTo("8000000178");
        assertThatThrownBy(() -> days.map(d -> (DayOfWeek) null, d -> d).encode(DayOfWeek.MONDAY))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void tuplesCompareArrayComponentsByContent() {
        var a = new Tuple2<>(new byte[] {1, 2}, "x");
        var b = new Tuple2<>(new byte[] {1, 2}, "x");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Tuple2<>(new byte[] {1, 3}, "x"));
        assertThat(a.toString()).isEqualTo("(0x0102, x)");
        assertThat(new Tuple3<>(1, 2, new byte[] {3})).isEqualTo(new Tuple3<>(1, 2, new byte[] {3}));
    }

    @Test
    void codecsNameThemselves() {
        assertThat(tuple(utf8(), int64()).toString()).isEqualTo("KeyCodecs.tuple(KeyCodecs.utf8(), KeyCodecs.int64())");
        assertThat(tuple(utf8(), int64())).isEqualTo(tuple(utf8(), int64())).isNotEqualTo(tuple(utf8(), int32()));
    }
}
