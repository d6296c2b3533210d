package dev.oxistore.kv.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded property tests over the whole codec matrix: order preservation on random pairs,
 * round trips, sorting, and decoding of random and damaged bytes. Rerun a failure with
 * {@code -Doxistore.seed=<seed from the message>}.
 */
class KeyOrderTest {

    private static final int PAIRS = 4000;

    @ParameterizedTest
    @EnumSource(KeyCase.class)
    void encodingOrderMatchesNaturalOrderAndRoundTrips(KeyCase c) {
        long seed = Gen.seed();
        SplittableRandom r = new SplittableRandom(seed);
        int n = PAIRS * Gen.soak();
        for (int i = 0; i < n; i++) {
            Object a = c.next(r);
            byte[] ea = c.codec.encode(a);
            // Now and then an equal key (a distinct object), to check ties encode identically.
            Object b = r.nextInt(8) == 0 ? c.codec.decode(ea.clone()) : c.next(r);
            byte[] eb = c.codec.encode(b);
            int natural = Gen.sign(c.order.compare(a, b));
            assertThat(Gen.sign(Bytes.compare(ea, eb)))
                    .as(() -> "seed " + seed + ", " + c + ": sign of bytes compare for a=" + Gen.show(a) + " ["
                            + Bytes.hex(ea) + "], b=" + Gen.show(b) + " [" + Bytes.hex(eb) + "]")
                    .isEqualTo(natural);
            assertThat(ea).as(() -> "seed " + seed + ", " + c + ": empty encoding of " + Gen.show(a)).isNotEmpty();
            Object back = c.codec.decode(ea);
            assertThat(Objects.deepEquals(back, a))
                    .as(() -> "seed " + seed + ", " + c + ": round trip of " + Gen.show(a) + " gave " + Gen.show(back))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(KeyCase.class)
    void sortingByEncodingSortsByNaturalOrder(KeyCase c) {
        long seed = Gen.seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (int round = 0; round < 20 * Gen.soak(); round++) {
            List<Object> keys = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                keys.add(c.next(r));
            }
            List<Object> byBytes = new ArrayList<>(keys);
            byBytes.sort((x, y) -> Bytes.compare(c.codec.encode(x), c.codec.encode(y)));
            assertThat(byBytes).as("seed %d, %s: keys sorted by their encodings", seed, c)
                    .isSortedAccordingTo(c.order);
        }
    }

    /** Whatever the bytes, decoding gives the one key that encodes to them, or CorruptionException. */
    @ParameterizedTest
    @EnumSource(KeyCase.class)
    void decodingRandomOrDamagedBytesIsCanonicalOrCorruption(KeyCase c) {
        long seed = Gen.seed();
        SplittableRandom r = new SplittableRandom(seed);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < PAIRS * Gen.soak(); i++) {
            byte[] bytes = r.nextBoolean() ? Gen.bytes(r, 0) : damage(c.codec.encode(c.next(r)), r);
            Object[] out = new Object[1];
            Throwable error = catchThrowable(() -> out[0] = c.codec.decode(bytes));
            if (error != null) {
                assertThat(error).as("seed %d, %s: decoding [%s] may fail only with CorruptionException",
                        seed, c, Bytes.hex(bytes)).isInstanceOf(CorruptionException.class);
                rejected++;
                continue;
            }
            decoded++;
            Object k = out[0];
            assertThat(c.codec.encode(k)).as(() -> "seed " + seed + ", " + c + ": [" + Bytes.hex(bytes)
                    + "] decoded to " + Gen.show(k) + ", which encodes differently").isEqualTo(bytes);
        }
        assertThat(rejected).as("seed %d, %s: some damaged input is rejected", seed, c).isPositive();
        assertThat(decoded + rejected).isEqualTo(PAIRS * Gen.soak());
    }

    @ParameterizedTest
    @EnumSource(KeyCase.class)
    void emptyBytesAreCorruption(KeyCase c) {
        assertThat(catchThrowable(() -> c.codec.decode(new byte[0]))).isInstanceOf(CorruptionException.class);
    }

    /** Truncates, extends, or changes one byte of a valid encoding. */
    private static byte[] damage(byte[] b, SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 1 -> {
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(3));
                longer[b.length] = Gen.EDGE_BYTES[r.nextInt(Gen.EDGE_BYTES.length)];
                yield longer;
            }
            default -> {
                byte[] changed = b.clone();
                changed[r.nextInt(b.length)] = Gen.EDGE_BYTES[r.nextInt(Gen.EDGE_BYTES.length)];
                yield changed;
            }
        };
    }
}
