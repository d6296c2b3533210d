package dev.oxistore.kv.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.MergeOperator;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Round trips, formats and errors of the value codecs. */
class ValueCodecsTest {

    @Test
    void valuesRoundTripIncludingEdgesAndRandomInput() {
        long seed = Gen.seed();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 2000 * Gen.soak(); i++) {
            long l = Gen.int64(r);
            int n = Gen.int32(r);
            String s = Gen.utf8(r, 0);
            byte[] b = Gen.bytes(r, 0);
            assertThat(ValueCodecs.int64().decode(ValueCodecs.int64().encode(l))).as("seed %d", seed).isEqualTo(l);
            assertThat(ValueCodecs.int32().decode(ValueCodecs.int32().encode(n))).as("seed %d", seed).isEqualTo(n);
            assertThat(ValueCodecs.utf8().decode(ValueCodecs.utf8().encode(s))).as("seed %d", seed).isEqualTo(s);
            assertThat(ValueCodecs.bytes().decode(ValueCodecs.bytes().encode(b))).as("seed %d", seed).isEqualTo(b);
        }
        assertThat(ValueCodecs.utf8().encode("")).isEmpty();
        assertThat(ValueCodecs.bytes().decode(new byte[0])).isEmpty();
    }

    @Test
    void int64IsTheFormatOfTheInt64AddMergeOperator() {
        byte[] merged = MergeOperator.int64Add().merge(new byte[] {1}, ValueCodecs.int64().encode(-5L), ValueCodecs.int64().encode(7L));
        assertThat(ValueCodecs.int64().decode(merged)).isEqualTo(2L);
        assertThat(Bytes.hex(ValueCodecs.int64().encode(-1L))).isEqualTo("ffffffffffffffff");
        assertThat(Bytes.hex(ValueCodecs.int32().encode(258))).isEqualTo("00000102");
    }

    @Test
    void malformedValuesAreCorruption() {
        assertThatThrownBy(() -> ValueCodecs.int64().decode(new byte[7])).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("ValueCodecs.int64()").hasMessageContaining("exactly 8 bytes");
        assertThatThrownBy(() -> ValueCodecs.int32().decode(new byte[5])).isInstanceOf(CorruptionException.class);
        for (String hex : List.of("ff", "c080", "eda080", "e282")) {
            assertThatThrownBy(() -> ValueCodecs.utf8().decode(Bytes.fromHex(hex))).as(hex)
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("UTF-8");
        }
    }

    @Test
    void badValuesAreInvalidArguments() {
        assertThatThrownBy(() -> ValueCodecs.utf8().encode("a\uD800")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> ValueCodecs.int64().encode(null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("delete");
        assertThatThrownBy(() -> ValueCodecs.bytes().decode(null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void ofWrapsFunctionsAndTurnsDecoderFailuresIntoCorruption() {
        ValueCodec<BigInteger> big = ValueCodec.of(BigInteger::toByteArray, BigInteger::new);
        BigInteger v = BigInteger.TWO.pow(100).negate();
        assertThat(big.decode(big.encode(v))).isEqualTo(v);
        // BigInteger rejects an empty array with NumberFormatException: that is a corrupt value.
        assertThatThrownBy(() -> big.decode(new byte[0])).isInstanceOf(CorruptionException.class)
                .hasCauseInstanceOf(NumberFormatException.class);
        ValueCodec<String> nulls = ValueCodec.of(x -> null, x -> null);
        assertThatThrownBy(() -> nulls.encode("x")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> nulls.decode(new byte[1])).isInstanceOf(CorruptionException.class);
        assertThatThrownBy(() -> ValueCodec.of(null, b -> b)).isInstanceOf(InvalidArgumentException.class);
    }
}
