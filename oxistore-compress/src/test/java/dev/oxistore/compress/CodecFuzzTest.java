package dev.oxistore.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds mutated compressed data to every decoder: at least 100,000 inputs per decoder (times
 * {@code oxistore.soak}) through the one-shot API, and a smaller number through the streams. The
 * only acceptable outcomes are a result inside the destination or the codec's own
 * {@link CompressionException}, never one caused by an index check, and no byte written outside
 * the destination. The timeout only guards against a hang.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class CodecFuzzTest {

    private static final int ITERATIONS = 100_000 * TestInputs.SOAK;
    private static final byte GUARD = 0x5A;

    static List<Codec> decoders() {
        List<Codec> all = new ArrayList<>(Codecs.all().stream().filter(c -> !c.name().equals("none")).toList());
        SplittableRandom r = new SplittableRandom(1);
        java.io.ByteArrayOutputStream dictionary = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            dictionary.writeBytes(TestInputs.record(r));
        }
        all.add(Codecs.zstd(dictionary.toByteArray())); // matches may also reach into the dictionary
        return all;
    }

    /** Valid compressed samples of varied content and size for {@code codec}, the mutation seeds. */
    static List<byte[][]> samples(Codec codec, SplittableRandom r) {
        List<byte[][]> out = new ArrayList<>();
        TestInputs.Kind[] kinds = TestInputs.Kind.values();
        for (int i = 0; i < 24; i++) {
            int size = i < 4 ? i * 3 : r.nextInt(i < 20 ? 3000 : 40_000);
            byte[] in = i % 3 == 2 ? TestInputs.record(r) : TestInputs.generate(kinds[i % kinds.length], size, r.nextLong());
            byte[] z = codec.compress(in);
            if (codec.name().equals("zstd") && i % 2 == 1) {
                // Without the content checksum more mutations decode to the end, checking output bounds.
                z = Arrays.copyOf(z, z.length - 4);
                z[4] &= ~0x04;
            }
            out.add(new byte[][] {in, z});
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("decoders")
    void mutatedInputsRaiseOnlyTheCodecsOwnExceptions(Codec codec) {
        long seed = TestInputs.SEED ^ codec.name().hashCode();
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[][]> samples = samples(codec, r);
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[][] sample = samples.get(r.nextInt(samples.size()));
            byte[] input = Mutator.mutate(sample[1], r);
            int cap = switch (r.nextInt(4)) {
                case 0 -> sample[0].length;
                case 1 -> r.nextInt(sample[0].length + 1);
                default -> sample[0].length + r.nextInt(sample[0].length + 1000);
            };
            int off = r.nextInt(4);
            byte[] dst = new byte[off + cap + 16];
            Arrays.fill(dst, GUARD);
            String outcome;
            try {
                int n = codec.decompress(input, 0, input.length, dst, off, cap);
                assertThat(n).isBetween(0, cap);
                outcome = "decoded";
            } catch (CompressionException e) {
                checkCause(codec, e, input, seed);
                outcome = e.getClass().getSimpleName();
            } catch (RuntimeException | Error e) {
                throw new AssertionError(codec + ": unexpected " + e + " for input " + HexFormat.of().formatHex(input)
                        + " (replay with -Doxistore.seed=" + TestInputs.SEED + ")", e);
            }
            for (int k = 0; k < off; k++) {
                assertThat(dst[k]).as("write before the destination, seed " + TestInputs.SEED).isEqualTo(GUARD);
            }
            for (int k = off + cap; k < dst.length; k++) {
                assertThat(dst[k]).as("write after the destination, seed " + TestInputs.SEED).isEqualTo(GUARD);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("fuzz " + codec + ": " + outcomes);
        assertThat(outcomes).as("the mutations reach the error paths").containsKey("CorruptInputException");
    }

    @ParameterizedTest
    @MethodSource("decoders")
    void mutatedStreamsRaiseOnlyTheCodecsOwnExceptions(Codec codec) throws IOException {
        long seed = TestInputs.SEED ^ codec.name().hashCode() ^ 0x5EED;
        SplittableRandom r = new SplittableRandom(seed);
        Codec framed = codec.streamCodec();
        List<byte[][]> samples = samples(framed, r);
        byte[] sink = new byte[1 << 16];
        int corrupt = 0;
        for (int i = 0; i < ITERATIONS / 20; i++) {
            byte[] input = Mutator.mutate(samples.get(r.nextInt(samples.size()))[1], r);
            try (InputStream in = codec.decompressingStream(new ByteArrayInputStream(input))) {
                long total = 0;
                int n;
                while ((n = in.read(sink)) >= 0 && total < (64 << 20)) {
                    total += n;
                }
            } catch (CompressionException e) {
                checkCause(framed, e, input, seed);
                corrupt++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(codec + ": unexpected " + e + " for stream " + HexFormat.of().formatHex(input)
                        + " (replay with -Doxistore.seed=" + TestInputs.SEED + ")", e);
            }
        }
        assertThat(corrupt).as("the mutations reach the error paths").isPositive();
    }

    private static void checkCause(Codec codec, CompressionException e, byte[] input, long seed) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IndexOutOfBoundsException || t instanceof NegativeArraySizeException) {
                fail(codec + ": a decoder missed a bounds check (" + t + ") for input "
                        + HexFormat.of().formatHex(input) + " (replay with -Doxistore.seed=" + TestInputs.SEED + ")", e);
            }
        }
        assertThat(e.codec()).isEqualTo(codec.name());
    }
}
