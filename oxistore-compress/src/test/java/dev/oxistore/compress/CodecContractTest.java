package dev.oxistore.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link Codec}, checked for every codec of the matrix with seeded random inputs:
 * round trips (arrays at offsets, segments, streams), bounded writes, sizes, determinism, argument
 * errors, thread safety. A failure message carries the seed to replay it.
 */
class CodecContractTest {

    private static final byte GUARD = 0x5A;

    static List<Codec> codecs() {
        return TestInputs.codecs();
    }

    private static SplittableRandom random(Codec codec, String test) {
        return new SplittableRandom(TestInputs.SEED ^ (codec.toString() + test).hashCode());
    }

    private static String seed(Codec codec) {
        return codec + " seed " + TestInputs.SEED + " (replay with -Doxistore.seed=" + TestInputs.SEED + ")";
    }

    /** Compresses into a guarded array at a random offset; checks the guards; returns the output. */
    static byte[] compressGuarded(Codec codec, byte[] in, SplittableRandom r) {
        int srcOff = r.nextInt(8);
        byte[] src = new byte[srcOff + in.length + r.nextInt(8)];
        System.arraycopy(in, 0, src, srcOff, in.length);
        int cap = codec.maxCompressedLength(in.length);
        int off = r.nextInt(16);
        byte[] dst = new byte[off + cap + 16];
        Arrays.fill(dst, GUARD);
        int n = codec.compress(src, srcOff, in.length, dst, off, cap);
        assertThat(n).as(seed(codec)).isBetween(0, cap);
        assertGuards(dst, off, cap, codec);
        return Arrays.copyOfRange(dst, off, off + n);
    }

    /** Decompresses into a guarded array of {@code cap} bytes at a random offset; returns the output. */
    static byte[] decompressGuarded(Codec codec, byte[] z, int cap, SplittableRandom r) {
        int off = r.nextInt(16);
        byte[] src = new byte[off + z.length];
        System.arraycopy(z, 0, src, off, z.length);
        int dOff = r.nextInt(16);
        byte[] dst = new byte[dOff + cap + 16];
        Arrays.fill(dst, GUARD);
        int n = codec.decompress(src, off, z.length, dst, dOff, cap);
        assertThat(n).as(seed(codec)).isBetween(0, cap);
        assertGuards(dst, dOff, cap, codec);
        return Arrays.copyOfRange(dst, dOff, dOff + n);
    }

    static void assertGuards(byte[] dst, int off, int len, Codec codec) {
        for (int i = 0; i < off; i++) {
            assertThat(dst[i]).as("byte before the destination, " + seed(codec)).isEqualTo(GUARD);
        }
        for (int i = off + len; i < dst.length; i++) {
            assertThat(dst[i]).as("byte after the destination, " + seed(codec)).isEqualTo(GUARD);
        }
    }

    private static void assertRoundTrip(Codec codec, byte[] in, SplittableRandom r) {
        byte[] z = compressGuarded(codec, in, r);
        int slack = r.nextBoolean() ? 0 : r.nextInt(1000);
        byte[] back = decompressGuarded(codec, z, in.length + slack, r);
        assertThat(back).as("round trip of " + in.length + " bytes, " + seed(codec)).isEqualTo(in);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsSeededRandomInputs(Codec codec) {
        SplittableRandom r = random(codec, "random");
        for (int i = 0; i < 40 * TestInputs.SOAK; i++) {
            assertRoundTrip(codec, TestInputs.random(r), r);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsEdgeCases(Codec codec) {
        SplittableRandom r = random(codec, "edges");
        for (byte[] in : TestInputs.edgeCases()) {
            assertRoundTrip(codec, in, r);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsRealFiles(Codec codec) {
        SplittableRandom r = random(codec, "corpus");
        for (Corpus.Entry e : Corpus.load(10, 2 << 20)) {
            byte[] z = compressGuarded(codec, e.data(), r);
            assertThat(decompressGuarded(codec, z, e.data().length, r)).as(e + " " + seed(codec)).isEqualTo(e.data());
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void compressesRealisticDataSmaller(Codec codec) {
        byte[] text = TestInputs.generate(TestInputs.Kind.TEXT, 100_000, 7);
        int n = codec.compress(text).length;
        if (codec.name().equals("none") || codec.name().equals("deflate") && ((dev.oxistore.compress.internal.deflate.DeflateCodec) codec).level() == 0) {
            assertThat(n).isGreaterThanOrEqualTo(text.length);
        } else {
            assertThat(n).as(codec + " on text").isLessThan(text.length * 3 / 4);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void outputIsDeterministicAcrossCallsAndPooledState(Codec codec) {
        SplittableRandom r = random(codec, "determinism");
        byte[] a = TestInputs.generate(TestInputs.Kind.MIXED, 300_000, r.nextLong());
        byte[] other = TestInputs.generate(TestInputs.Kind.TEXT, 500_000, r.nextLong());
        byte[] first = codec.compress(a);
        codec.compress(other); // leaves different state in the pooled tables
        assertThat(codec.compress(a)).as(seed(codec)).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void compressingIntoTooSmallADestinationThrowsAndStaysInBounds(Codec codec) {
        SplittableRandom r = random(codec, "small-compress");
        for (int i = 0; i < 10; i++) {
            byte[] in = TestInputs.generate(TestInputs.Kind.TEXT, 1 + r.nextInt(100_000), r.nextLong());
            int n = codec.compress(in).length;
            int cap = r.nextInt(n);
            byte[] dst = new byte[cap + 32];
            Arrays.fill(dst, GUARD);
            assertThatThrownBy(() -> codec.compress(in, 0, in.length, dst, 16, cap))
                    .as(seed(codec)).isInstanceOf(OutputTooSmallException.class);
            assertGuards(dst, 16, cap, codec);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void decompressingIntoTooSmallADestinationThrowsAndStaysInBounds(Codec codec) {
        SplittableRandom r = random(codec, "small-decompress");
        for (int i = 0; i < 10; i++) {
            byte[] in = TestInputs.generate(TestInputs.Kind.MIXED, 1 + r.nextInt(300_000), r.nextLong());
            byte[] z = codec.compress(in);
            int cap = r.nextInt(in.length);
            byte[] dst = new byte[cap + 32];
            Arrays.fill(dst, GUARD);
            assertThatThrownBy(() -> codec.decompress(z, 0, z.length, dst, 16, cap))
                    .as(seed(codec)).isInstanceOf(OutputTooSmallException.class);
            assertGuards(dst, 16, cap, codec);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void emptyCompressedInputIsCorruptExceptForNoneAndHadoop(Codec codec) throws IOException {
        byte[] dst = new byte[10];
        if (codec.name().equals("none") || codec.name().equals("lz4-hadoop")) {
            assertThat(codec.compress(new byte[0])).isEmpty();
            assertThat(codec.decompressingStream(InputStream.nullInputStream()).read()).isEqualTo(-1);
            assertThat(codec.decompress(new byte[0], 0, 0, dst, 0, 10)).isZero();
            return;
        }
        assertThatThrownBy(() -> codec.decompress(new byte[0], 0, 0, dst, 0, 10)).isInstanceOf(CorruptInputException.class);
        assertThatThrownBy(() -> codec.decompressingStream(InputStream.nullInputStream()).read())
                .isInstanceOf(CorruptInputException.class);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyTruncationOfSelfDelimitingFormatsIsCorrupt(Codec codec) {
        Set<String> strict = Set.of("lz4-frame", "snappy", "deflate", "gzip", "zstd");
        if (!strict.contains(codec.name())) {
            return;
        }
        SplittableRandom r = random(codec, "truncation");
        byte[] in = TestInputs.generate(TestInputs.Kind.MIXED, 5000, r.nextLong());
        byte[] z = codec.compress(in);
        byte[] dst = new byte[in.length];
        for (int cut = 1; cut < z.length; cut++) {
            int n = cut;
            assertThatThrownBy(() -> codec.decompress(z, 0, n, dst, 0, dst.length))
                    .as("prefix of " + n + "/" + z.length + " bytes, " + seed(codec)).isInstanceOf(CorruptInputException.class);
        }
        byte[] longer = Arrays.copyOf(z, z.length + 1);
        assertThatThrownBy(() -> codec.decompress(longer, 0, longer.length, new byte[in.length + 100], 0, in.length + 100))
                .as("one trailing byte").isInstanceOf(CorruptInputException.class);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void memorySegmentsOnAndOffHeapMatchTheArrayApi(Codec codec) {
        SplittableRandom r = random(codec, "segments");
        byte[] in = TestInputs.generate(TestInputs.Kind.MIXED, 200_000, r.nextLong());
        byte[] expected = codec.compress(in);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeSrc = arena.allocate(in.length);
            MemorySegment.copy(in, 0, nativeSrc, ValueLayout.JAVA_BYTE, 0, in.length);
            MemorySegment nativeDst = arena.allocate(codec.maxCompressedLength(in.length));
            long n = codec.compress(nativeSrc, nativeDst);
            assertThat(nativeDst.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(expected);

            byte[] heap = new byte[codec.maxCompressedLength(in.length) + 20];
            long m = codec.compress(MemorySegment.ofArray(in).asReadOnly(), MemorySegment.ofArray(heap).asSlice(20));
            assertThat(Arrays.copyOfRange(heap, 20, 20 + (int) m)).isEqualTo(expected);

            MemorySegment back = arena.allocate(in.length);
            assertThat(codec.decompress(nativeDst.asSlice(0, n), back)).isEqualTo(in.length);
            assertThat(back.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(in);

            byte[] heapBack = new byte[in.length + 5];
            assertThat(codec.decompress(MemorySegment.ofArray(expected), MemorySegment.ofArray(heapBack).asSlice(5)))
                    .isEqualTo(in.length);
            assertThat(Arrays.copyOfRange(heapBack, 5, heapBack.length)).isEqualTo(in);

            assertThatThrownBy(() -> codec.decompress(MemorySegment.ofArray(expected), MemorySegment.ofArray(heapBack).asReadOnly()))
                    .isInstanceOf(CodecArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void streamsRoundTripWithRandomWritesFlushesAndReads(Codec codec) throws IOException {
        SplittableRandom r = random(codec, "streams");
        for (int i = 0; i < 6 * TestInputs.SOAK; i++) {
            byte[] in = TestInputs.random(r);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = codec.compressingStream(bytes)) {
                int p = 0;
                while (p < in.length) {
                    int n = Math.min(in.length - p, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(300_000));
                    if (n == 1) {
                        out.write(in[p]);
                    } else {
                        out.write(in, p, n);
                    }
                    p += n;
                    if (r.nextInt(8) == 0) {
                        out.flush();
                    }
                }
            }
            byte[] z = bytes.toByteArray();
            assertThat(codec.streamCodec().decompress(z, in.length)).as("stream output through the array API, " + seed(codec))
                    .isEqualTo(in);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            try (InputStream s = codec.decompressingStream(new ByteArrayInputStream(z))) {
                byte[] buf = new byte[1 + r.nextInt(100_000)];
                while (true) {
                    if (r.nextInt(10) == 0) {
                        int b = s.read();
                        if (b < 0) {
                            break;
                        }
                        back.write(b);
                    } else {
                        int n = s.read(buf, 0, 1 + r.nextInt(buf.length));
                        if (n < 0) {
                            break;
                        }
                        back.write(buf, 0, n);
                    }
                }
            }
            assertThat(back.toByteArray()).as("stream round trip, " + seed(codec)).isEqualTo(in);
            byte[] arrayThenStream = codec.decompressingStream(new ByteArrayInputStream(
                    codec.streamCodec().compress(in))).readAllBytes();
            assertThat(arrayThenStream).as("array output through the stream API").isEqualTo(in);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void decompressToANewArrayRespectsTheLimit(Codec codec) {
        SplittableRandom r = random(codec, "limit");
        byte[] in = TestInputs.generate(TestInputs.Kind.TEXT, 100_000 + r.nextInt(100_000), r.nextLong());
        byte[] z = codec.compress(in);
        assertThat(codec.decompress(z, in.length)).isEqualTo(in);
        assertThat(codec.decompress(z, Integer.MAX_VALUE - 100)).isEqualTo(in);
        assertThatThrownBy(() -> codec.decompress(z, in.length - 1)).isInstanceOf(OutputTooSmallException.class);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void declaredLengthMatchesWhereTheFormatRecordsIt(Codec codec) {
        byte[] in = TestInputs.generate(TestInputs.Kind.MIXED, 777_777, 9);
        byte[] z = codec.compress(in);
        Set<String> declaring = Set.of("none", "snappy", "lz4-frame", "zstd");
        if (declaring.contains(codec.name())) {
            assertThat(codec.decompressedLength(z, 0, z.length)).hasValue(in.length);
        } else {
            assertThat(codec.decompressedLength(z, 0, z.length)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void isSafeForConcurrentUse(Codec codec) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = TestInputs.SEED + t;
                results.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    for (int i = 0; i < 20; i++) {
                        byte[] in = TestInputs.generate(TestInputs.Kind.MIXED, r.nextInt(150_000), r.nextLong());
                        if (!Arrays.equals(codec.decompress(codec.compress(in), in.length), in)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).as(seed(codec)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void badArgumentsRaiseCodecArgumentException(Codec codec) {
        byte[] b = new byte[10];
        assertThatThrownBy(() -> codec.compress(null, 0, 0, b, 0, 10)).isInstanceOf(CodecArgumentException.class)
                .hasMessageContaining("src");
        assertThatThrownBy(() -> codec.decompress(b, 0, 10, null, 0, 0)).isInstanceOf(CodecArgumentException.class)
                .hasMessageContaining("dst");
        assertThatThrownBy(() -> codec.compress(b, 5, 6, b, 0, 10)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.decompress(b, -1, 2, b, 0, 10)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.decompress(b, 0, 2, b, 0, -1)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.maxCompressedLength(-1)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.compressingStream(null)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.decompressingStream(null)).isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.compress((MemorySegment) null, MemorySegment.ofArray(b)))
                .isInstanceOf(CodecArgumentException.class);
        assertThatThrownBy(() -> codec.decompress(b, -1)).isInstanceOf(CodecArgumentException.class);
        assertThat(codec.maxCompressedLength(0)).isGreaterThanOrEqualTo(0);
        assertThat(codec.maxCompressedLength(1 << 20)).isGreaterThanOrEqualTo(1 << 20);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void closedStreamsRefuseUse(Codec codec) throws IOException {
        OutputStream out = codec.compressingStream(new ByteArrayOutputStream());
        out.close();
        out.close(); // idempotent
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
        InputStream in = codec.decompressingStream(new ByteArrayInputStream(codec.streamCodec().compress(new byte[5])));
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
