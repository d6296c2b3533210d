package dev.oxistore.compress;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.airlift.compress.v3.lz4.Lz4FrameJavaCompressor;
import io.airlift.compress.v3.lz4.Lz4FrameJavaDecompressor;
import io.airlift.compress.v3.lz4.Lz4HadoopStreams;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Differential tests against the reference implementations, used as test oracles only: lz4-java,
 * snappy-java, zstd-jni and aircompressor. Both directions on real files, edge cases, seeded random
 * inputs and 64 MiB: what they compress we decode, what we compress they decode. These libraries
 * load native code or use {@code sun.misc.Unsafe}, so this class runs in the separate "oracle"
 * surefire execution without the deny flags (see the module's pom).
 */
@Tag("oracle")
class OracleDifferentialTest {

    /** A reference implementation of one of our codecs' formats. */
    interface Oracle {
        String name();

        Codec ours();

        byte[] compress(byte[] in) throws IOException;

        byte[] decompress(byte[] z, int length) throws IOException;

        /** The largest input worth giving this oracle (slow levels get prefixes). */
        default int maxInput() {
            return Integer.MAX_VALUE;
        }
    }

    record Simple(String name, Codec ours, IoFunction compress, IoBiFunction decompress, int maxInput) implements Oracle {
        @Override
        public byte[] compress(byte[] in) throws IOException {
            return compress.apply(in);
        }

        @Override
        public byte[] decompress(byte[] z, int length) throws IOException {
            return decompress.apply(z, length);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface IoFunction {
        byte[] apply(byte[] in) throws IOException;
    }

    interface IoBiFunction {
        byte[] apply(byte[] z, int length) throws IOException;
    }

    static byte[] drain(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static byte[] through(IoOutput f, byte[] in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = f.open(bytes)) {
            out.write(in);
        }
        return bytes.toByteArray();
    }

    interface IoOutput {
        OutputStream open(OutputStream out) throws IOException;
    }

    static byte[] airlift(io.airlift.compress.v3.Compressor c, byte[] in) {
        byte[] out = new byte[c.maxCompressedLength(in.length)];
        return Arrays.copyOf(out, c.compress(in, 0, in.length, out, 0, out.length));
    }

    static byte[] airlift(io.airlift.compress.v3.Decompressor d, byte[] z, int length) {
        byte[] out = new byte[length];
        int n = d.decompress(z, 0, z.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    static List<Oracle> oracles() {
        List<Oracle> list = new ArrayList<>();
        LZ4Factory fast = LZ4Factory.fastestInstance();
        LZ4Factory safe = LZ4Factory.safeInstance();
        Codec lz4 = Codecs.lz4();
        list.add(new Simple("lz4-java fast block", lz4, fast.fastCompressor()::compress,
                (z, n) -> fast.safeDecompressor().decompress(z, n), Integer.MAX_VALUE));
        list.add(new Simple("lz4-java HC block", lz4, fast.highCompressor(9)::compress,
                (z, n) -> fast.fastDecompressor().decompress(z, n), 16 << 20));
        list.add(new Simple("lz4-java pure-Java safe block", lz4, safe.fastCompressor()::compress,
                (z, n) -> safe.safeDecompressor().decompress(z, n), Integer.MAX_VALUE));
        list.add(new Simple("aircompressor lz4 block", lz4, in -> airlift(new Lz4JavaCompressor(), in),
                (z, n) -> airlift(new Lz4JavaDecompressor(), z, n), Integer.MAX_VALUE));

        Codec frame = Codecs.lz4Frame();
        list.add(new Simple("lz4-java frame 64K", frame, in -> through(LZ4FrameOutputStream::new, in),
                (z, n) -> drain(new LZ4FrameInputStream(new ByteArrayInputStream(z))), Integer.MAX_VALUE));
        list.add(new Simple("lz4-java frame 4M, size, block checksums", frame,
                in -> through(out -> new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB, in.length,
                        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                        LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM), in),
                (z, n) -> drain(new LZ4FrameInputStream(new ByteArrayInputStream(z))), Integer.MAX_VALUE));
        list.add(new Simple("aircompressor lz4 frame", frame, in -> airlift(new Lz4FrameJavaCompressor(), in),
                (z, n) -> airlift(new Lz4FrameJavaDecompressor(), z, n), Integer.MAX_VALUE));

        Lz4HadoopStreams hadoop = new Lz4HadoopStreams(false, 256 * 1024);
        list.add(new Simple("aircompressor lz4 hadoop", Codecs.lz4Hadoop(),
                in -> through(hadoop::createOutputStream, in),
                (z, n) -> drain(hadoop.createInputStream(new ByteArrayInputStream(z))), Integer.MAX_VALUE));

        Codec snappy = Codecs.snappy();
        list.add(new Simple("snappy-java raw", snappy, Snappy::compress, (z, n) -> Snappy.uncompress(z), Integer.MAX_VALUE));
        list.add(new Simple("aircompressor snappy raw", snappy, in -> airlift(new SnappyJavaCompressor(), in),
                (z, n) -> airlift(new SnappyJavaDecompressor(), z, n), Integer.MAX_VALUE));
        Codec framed = Codecs.snappyFramed();
        list.add(new Simple("snappy-java framed", framed, in -> through(SnappyFramedOutputStream::new, in),
                (z, n) -> drain(new SnappyFramedInputStream(new ByteArrayInputStream(z))), Integer.MAX_VALUE));
        list.add(new Simple("aircompressor snappy framed", framed,
                in -> through(out -> new io.airlift.compress.v3.snappy.SnappyFramedOutputStream(new SnappyJavaCompressor(), out), in),
                (z, n) -> drain(new io.airlift.compress.v3.snappy.SnappyFramedInputStream(
                        new SnappyJavaDecompressor(), new ByteArrayInputStream(z))), Integer.MAX_VALUE));

        Codec zstd = Codecs.zstd();
        for (int level : new int[] {-5, 1, 3, 7, 12, 19, 22}) {
            int max = level >= 19 ? 1 << 20 : level >= 12 ? 4 << 20 : Integer.MAX_VALUE;
            list.add(new Simple("zstd-jni level " + level, zstd, in -> Zstd.compress(in, level),
                    (z, n) -> Zstd.decompress(z, n), max));
        }
        list.add(new Simple("zstd-jni stream, checksum, no content size", zstd,
                in -> through(out -> new com.github.luben.zstd.ZstdOutputStream(out, 6).setChecksum(true), in),
                (z, n) -> drain(new com.github.luben.zstd.ZstdInputStream(new ByteArrayInputStream(z))), Integer.MAX_VALUE));
        list.add(new Simple("zstd-jni long window 2^25", zstd, in -> {
            try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
                return ctx.setLevel(5).setLong(25).setChecksum(true).compress(in);
            }
        }, (z, n) -> Zstd.decompress(z, n), Integer.MAX_VALUE));
        list.add(new Simple("aircompressor zstd", zstd, in -> airlift(new ZstdJavaCompressor(), in),
                (z, n) -> airlift(new ZstdJavaDecompressor(), z, n), Integer.MAX_VALUE));
        return list;
    }

    static List<byte[]> inputs(long seed) {
        List<byte[]> in = new ArrayList<>(TestInputs.edgeCases());
        for (Corpus.Entry e : Corpus.load(16, 16 << 20)) {
            in.add(e.data());
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 30 * TestInputs.SOAK; i++) {
            in.add(TestInputs.random(r));
        }
        return in;
    }

    private static byte[] cut(byte[] in, int max) {
        return in.length <= max ? in : Arrays.copyOf(in, max);
    }

    @ParameterizedTest
    @MethodSource("oracles")
    void weDecodeWhatTheyCompress(Oracle oracle) throws IOException {
        for (byte[] full : inputs(TestInputs.SEED)) {
            byte[] in = cut(full, oracle.maxInput());
            byte[] z = oracle.compress(in);
            String what = oracle + " on " + in.length + " bytes, seed " + TestInputs.SEED;
            assertThat(oracle.ours().decompress(z, in.length)).as(what).isEqualTo(in);
            Codec ours = oracle.ours();
            if (ours.streamCodec() == ours) {
                assertThat(drain(ours.decompressingStream(new ByteArrayInputStream(z)))).as("stream, " + what).isEqualTo(in);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("oracles")
    void theyDecodeWhatWeCompress(Oracle oracle) throws IOException {
        for (byte[] full : inputs(TestInputs.SEED + 1)) {
            byte[] in = cut(full, oracle.maxInput());
            Codec ours = oracle.ours();
            String what = oracle + " on " + in.length + " bytes, seed " + TestInputs.SEED;
            assertThat(oracle.decompress(ours.compress(in), in.length)).as(what).isEqualTo(in);
            if (ours.streamCodec() == ours) {
                byte[] streamed = through(ours::compressingStream, in);
                assertThat(oracle.decompress(streamed, in.length)).as("our stream, " + what).isEqualTo(in);
            }
        }
    }

    @Test
    void sixtyFourMebibytesBothWays() throws IOException {
        byte[] large = TestInputs.large();
        for (String name : List.of("lz4-java fast block", "lz4-java frame 64K", "aircompressor lz4 hadoop",
                "snappy-java raw", "snappy-java framed", "zstd-jni level 3", "zstd-jni stream, checksum, no content size")) {
            Oracle o = oracles().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            assertThat(o.ours().decompress(o.compress(large), large.length)).as("theirs to ours, " + o).isEqualTo(large);
            assertThat(o.decompress(o.ours().compress(large), large.length)).as("ours to theirs, " + o).isEqualTo(large);
        }
    }

    @Test
    void zstdMultipleAndSkippableFramesFromTheReference() {
        byte[] a = TestInputs.generate(TestInputs.Kind.TEXT, 300_000, 1);
        byte[] b = TestInputs.generate(TestInputs.Kind.MIXED, 500_000, 2);
        byte[] skippable = {0x5A, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(Zstd.compress(a, 19));
        all.writeBytes(skippable);
        all.writeBytes(Zstd.compress(b, 3));
        byte[] expected = new byte[a.length + b.length];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertThat(Codecs.zstd().decompress(all.toByteArray(), expected.length)).isEqualTo(expected);
        assertThat(Codecs.zstd().decompressedLength(all.toByteArray(), 0, all.size())).hasValue(expected.length);
    }

    @Test
    void zstdDictionariesBothWays() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        byte[][] samples = new byte[3000][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = TestInputs.record(r);
        }
        byte[] buffer = new byte[16 * 1024];
        byte[] trained = Arrays.copyOf(buffer, (int) Zstd.trainFromBuffer(samples, buffer, false));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int i = 0; i < 60; i++) {
            content.writeBytes(samples[i]);
        }
        byte[] raw = content.toByteArray();
        byte[] big = TestInputs.generate(TestInputs.Kind.MIXED, 600_000, 9);
        for (byte[] dict : List.of(trained, raw)) {
            Codec ours = Codecs.zstd(dict);
            for (int level : new int[] {1, 3, 19}) {
                for (boolean checksum : new boolean[] {false, true}) {
                    try (ZstdCompressCtx c = new ZstdCompressCtx().setLevel(level).setChecksum(checksum).loadDict(dict)) {
                        for (int i = 0; i < 100; i++) {
                            byte[] in = i == 99 ? big : TestInputs.record(r);
                            assertThat(ours.decompress(c.compress(in), in.length))
                                    .as("level " + level + ", seed " + TestInputs.SEED).isEqualTo(in);
                        }
                    }
                }
            }
            try (com.github.luben.zstd.ZstdDecompressCtx d = new com.github.luben.zstd.ZstdDecompressCtx().loadDict(dict)) {
                for (int i = 0; i < 100; i++) {
                    byte[] in = i == 99 ? big : TestInputs.record(r);
                    assertThat(d.decompress(ours.compress(in), in.length)).as("seed " + TestInputs.SEED).isEqualTo(in);
                    byte[] streamed;
                    try {
                        streamed = through(ours::compressingStream, in);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(d.decompress(streamed, in.length)).isEqualTo(in);
                }
            }
        }
    }

    @Test
    void ourRatioIsCloseToTheReferenceAtComparableLevels() {
        long ours = 0;
        long level3 = 0;
        for (Corpus.Entry e : Corpus.load(10, 4 << 20)) {
            ours += Codecs.zstd().compress(e.data()).length;
            level3 += Zstd.compress(e.data(), 3).length;
        }
        // Not a benchmark: a guard that the compressor really compresses like a level-3 encoder.
        assertThat((double) ours).isLessThan(level3 * 1.10);
    }

    @Test
    void mutatedReferenceFramesAgreeWithTheReferenceWhenBothDecode() {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        List<byte[]> zstdSamples = new ArrayList<>();
        List<byte[]> plain = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] in = TestInputs.generate(TestInputs.Kind.values()[i % TestInputs.Kind.values().length],
                    i < 2 ? 300_000 : 2000 + r.nextInt(20_000), r.nextLong());
            plain.add(in);
            zstdSamples.add(Zstd.compress(in, i % 2 == 0 ? 19 : 3));
        }
        int agreed = 0;
        for (int i = 0; i < 20_000 * TestInputs.SOAK; i++) {
            int k = r.nextInt(zstdSamples.size());
            byte[] z = Mutator.mutate(zstdSamples.get(k), r);
            int cap = plain.get(k).length + 1000;
            byte[] ours = null;
            try {
                ours = Codecs.zstd().decompress(z, cap);
            } catch (CompressionException e) {
                assertThat(e).isNotInstanceOf(CodecArgumentException.class);
            }
            byte[] theirs = null;
            try {
                byte[] out = new byte[cap];
                int n = (int) Zstd.decompressByteArray(out, 0, cap, z, 0, z.length);
                if (!Zstd.isError(n)) {
                    theirs = Arrays.copyOf(out, n);
                }
            } catch (RuntimeException e) {
                theirs = null;
            }
            if (ours != null && theirs != null) {
                assertThat(ours).as("both decoders accept a mutated frame; seed " + TestInputs.SEED).isEqualTo(theirs);
                agreed++;
            }
        }
        assertThat(agreed).as("some mutated frames decode on both sides").isPositive();
    }
}
