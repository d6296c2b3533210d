package dev.oxistore.kv.typed;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded generators of keys biased towards edge cases, and the natural orders the codecs must
 * keep. One seed per test, from {@code -Doxistore.seed=N} or fresh; iteration counts scale with
 * {@code -Doxistore.soak=N}.
 */
final class Gen {

    static final long[] EDGE_LONGS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -256, -255, -1, 0, 1, 255, 256,
        Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    static final int[] EDGE_INTS = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -256, -1, 0, 1, 255, 256,
        Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    /** Code points at UTF-8 length boundaries, around the surrogate gap and at both ends. */
    static final int[] EDGE_CODE_POINTS = {0, 1, 'a', 'b', 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
        0x10000, 0x1F600, 0x10FFFF};
    static final byte[] EDGE_BYTES = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};

    /** Code point order: what {@code utf8()} keeps (not {@link String#compareTo}). */
    static final Comparator<String> CODE_POINT_ORDER =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    /**
     * A codec written outside the package (not a built-in), so tuples must escape it: Latin-1
     * strings as their ISO-8859-1 bytes, which include 00 and ff and keep char order.
     */
    static final KeyCodec<String> LATIN1 = new KeyCodec<>() {
        @Override
        public byte[] encode(String key) {
            if (key == null || key.isEmpty() || key.chars().anyMatch(c -> c > 0xFF)) {
                throw new InvalidArgumentException("latin1 keys are non-empty Latin-1 strings");
            }
            return key.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String decode(byte[] bytes) {
            if (bytes.length == 0) {
                throw new CorruptionException("latin1 encodings are non-empty");
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return "latin1";
        }
    };

    /** Instants (millisecond precision) as int64 epoch millis: a mapped codec. */
    static final KeyCodec<Instant> INSTANT = KeyCodecs.int64().map(Instant::toEpochMilli, Instant::ofEpochMilli);

    private Gen() {
    }

    static long seed() {
        Long fixed = Long.getLong("oxistore.seed");
        return fixed != null ? fixed : new SplittableRandom().nextLong();
    }

    static int soak() {
        return Math.max(1, Integer.getInteger("oxistore.soak", 1));
    }

    static long int64(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> EDGE_LONGS[r.nextInt(EDGE_LONGS.length)];
            case 1 -> r.nextLong(-300, 300);
            case 2 -> EDGE_LONGS[r.nextInt(EDGE_LONGS.length)] + r.nextLong(-3, 4);
            default -> r.nextLong();
        };
    }

    static int int32(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> EDGE_INTS[r.nextInt(EDGE_INTS.length)];
            case 1 -> r.nextInt(-300, 300);
            case 2 -> EDGE_INTS[r.nextInt(EDGE_INTS.length)] + r.nextInt(-3, 4);
            default -> r.nextInt();
        };
    }

    static UUID uuid(SplittableRandom r) {
        return r.nextInt(4) == 0 ? UUID.randomUUID() : new UUID(int64(r), int64(r));
    }

    /** 0 to 6 code points, mostly from a small alphabet so that strings share prefixes. */
    static String utf8(SplittableRandom r, int minLength) {
        int n = minLength + r.nextInt(7 - minLength);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoint(r));
        }
        return sb.toString();
    }

    static int codePoint(SplittableRandom r) {
        if (r.nextInt(4) > 0) {
            return EDGE_CODE_POINTS[r.nextInt(EDGE_CODE_POINTS.length)];
        }
        int cp;
        do {
            cp = r.nextInt(Character.MAX_CODE_POINT + 1);
        } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
        return cp;
    }

    /** 0 to 6 bytes, mostly 00, ff and their neighbours. */
    static byte[] bytes(SplittableRandom r, int minLength) {
        byte[] b = new byte[minLength + r.nextInt(7 - minLength)];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(3) > 0 ? EDGE_BYTES[r.nextInt(EDGE_BYTES.length)] : (byte) r.nextInt(256);
        }
        return b;
    }

    /** 1 to 5 chars in {@code \0..\u00ff}, mostly 00, ff and 'a'. */
    static String latin1(SplittableRandom r) {
        char[] alphabet = {0, 1, 'a', 0xFE, 0xFF};
        char[] c = new char[1 + r.nextInt(5)];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextBoolean() ? alphabet[r.nextInt(alphabet.length)] : (char) r.nextInt(256);
        }
        return new String(c);
    }

    /** Half the time one of five instants, so tuples often tie on it. */
    static Instant instant(SplittableRandom r) {
        return Instant.ofEpochMilli(r.nextBoolean() ? r.nextLong(-2, 3) : int64(r));
    }

    /** A key for a failure message: arrays as hex, strings with non-ASCII escaped, tuples in parts. */
    static String show(Object o) {
        return switch (o) {
            case String s -> '"' + s.codePoints().mapToObj(cp -> cp >= 0x20 && cp < 0x7F ? Character.toString(cp)
                    : String.format("\\u{%x}", cp)).collect(java.util.stream.Collectors.joining()) + '"';
            case Tuple2<?, ?> t -> "(" + show(t.first()) + ", " + show(t.second()) + ")";
            case Tuple3<?, ?, ?> t -> "(" + show(t.first()) + ", " + show(t.second()) + ", " + show(t.third()) + ")";
            case null -> "null";
            default -> Text.show(o);
        };
    }

    static int sign(int c) {
        return Integer.signum(c);
    }
}
