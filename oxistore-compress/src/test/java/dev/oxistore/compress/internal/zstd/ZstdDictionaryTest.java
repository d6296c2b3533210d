package dev.oxistore.compress.internal.zstd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.CodecArgumentException;
import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.CompressionException;
import dev.oxistore.compress.TestInputs;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Zstandard dictionaries: raw content and formatted, in one-shot calls and streams. */
class ZstdDictionaryTest {

    static byte[] record(SplittableRandom r) {
        return TestInputs.record(r);
    }

    static byte[] rawDictionary() {
        SplittableRandom r = new SplittableRandom(1);
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            d.writeBytes(record(r));
        }
        return d.toByteArray();
    }

    /** A formatted dictionary assembled with our encoders: Huffman codes of {@code sample}, default FSE tables. */
    static byte[] formattedDictionary(long id, byte[] content, HuffmanEncoder huffman, byte[] sample, int[] reps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        Bits.putInt(buf, 0, ZstdDictionary.MAGIC);
        Bits.putInt(buf, 4, (int) id);
        out.write(buf, 0, 8);
        huffman.histogram(sample, 0, sample.length);
        huffman.build();
        out.write(buf, 0, huffman.writeTable(buf, 0, buf.length));
        out.write(buf, 0, FseEncoder.writeCounts(buf, 0, buf.length, Zstd.OF_DEFAULT, Zstd.OF_DEFAULT.length - 1, Zstd.OF_DEFAULT_LOG));
        out.write(buf, 0, FseEncoder.writeCounts(buf, 0, buf.length, Zstd.ML_DEFAULT, Zstd.ML_DEFAULT.length - 1, Zstd.ML_DEFAULT_LOG));
        out.write(buf, 0, FseEncoder.writeCounts(buf, 0, buf.length, Zstd.LL_DEFAULT, Zstd.LL_DEFAULT.length - 1, Zstd.LL_DEFAULT_LOG));
        for (int rep : reps) {
            Bits.putInt(buf, 0, rep);
            out.write(buf, 0, 4);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void assertRoundTrips(Codec codec, SplittableRandom r) throws IOException {
        for (int i = 0; i < 40; i++) {
            byte[] in = i == 39 ? TestInputs.generate(TestInputs.Kind.MIXED, 2_500_000, r.nextLong()) : record(r);
            byte[] z = codec.compress(in);
            assertThat(codec.decompress(z, in.length)).as("seed " + TestInputs.SEED).isEqualTo(in);
            assertThat(codec.decompressingStream(new ByteArrayInputStream(z)).readAllBytes()).isEqualTo(in);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            try (OutputStream out = codec.compressingStream(streamed)) {
                out.write(in);
            }
            assertThat(codec.decompress(streamed.toByteArray(), in.length)).isEqualTo(in);
        }
    }

    @Test
    void rawContentDictionariesShrinkSmallRecordsAndRoundTrip() throws IOException {
        Codec dict = Codecs.zstd(rawDictionary());
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        assertRoundTrips(dict, r);
        long with = 0;
        long without = 0;
        for (int i = 0; i < 100; i++) {
            byte[] in = record(r);
            with += dict.compress(in).length;
            without += Codecs.zstd().compress(in).length;
        }
        assertThat(with).isLessThan(without * 2 / 3);
    }

    @Test
    void framesMadeWithAContentDictionaryFailWithoutIt() {
        byte[] in = record(new SplittableRandom(3));
        byte[] z = Codecs.zstd(rawDictionary()).compress(in);
        assertThatThrownBy(() -> Codecs.zstd().decompress(z, in.length)).isInstanceOf(CompressionException.class);
    }

    @Test
    void formattedDictionariesCarryTheirIdAndEntropyTables() throws IOException {
        SplittableRandom r = new SplittableRandom(TestInputs.SEED);
        byte[] sample = rawDictionary();
        HuffmanEncoder huffman = new HuffmanEncoder();
        byte[] formatted = formattedDictionary(0xABCDEFL, sample, huffman, sample, new int[] {3, 7, 11});
        Codec dict = Codecs.zstd(formatted);
        assertRoundTrips(dict, r);
        byte[] z = dict.compress(record(r));
        assertThat(z[4] & 3).as("four-byte dictionary id").isEqualTo(3);
        assertThat(Bits.getInt(z, 5)).isEqualTo(0xABCDEF);
        assertThatThrownBy(() -> Codecs.zstd().decompress(z, 1000)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("dictionary 11259375");
        Codec other = Codecs.zstd(formattedDictionary(77, sample, new HuffmanEncoder(), sample, new int[] {1, 4, 8}));
        assertThatThrownBy(() -> other.decompress(z, 1000)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("holds dictionary 77");

        // Treeless literals: decodable only with the dictionary's Huffman table.
        byte[] lit = Arrays.copyOf(sample, 1000);
        byte[] stream = new byte[2000];
        int size = huffman.encode1(lit, 0, lit.length, stream, 0, stream.length);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x63});
        byte[] head = new byte[4 + 2 + 3 + 3];
        Bits.putInt(head, 0, 0xABCDEF);
        Bits.putShort(head, 4, lit.length - 256);
        Bits.put24(head, 6, 1 | 2 << 1 | (3 + size + 1) << 3);
        Bits.put24(head, 9, 3 | lit.length << 4 | size << 14);
        f.writeBytes(head);
        f.write(stream, 0, size);
        f.write(0);
        byte[] frame = f.toByteArray();
        frame[4] = 0x63 & ~0x04; // FCS 2 bytes, single segment, dictionary id 4 bytes, no checksum
        assertThat(dict.decompress(frame, lit.length)).isEqualTo(lit);
        assertThat(dict.decompressingStream(new ByteArrayInputStream(frame)).readAllBytes()).isEqualTo(lit);
    }

    @Test
    void malformedFormattedDictionariesAreArgumentErrors() {
        byte[] sample = rawDictionary();
        byte[] ok = formattedDictionary(5, sample, new HuffmanEncoder(), sample, new int[] {1, 4, 8});
        assertThatThrownBy(() -> Codecs.zstd(Arrays.copyOf(ok, 20))).isInstanceOf(CodecArgumentException.class)
                .hasMessageContaining("not a valid Zstandard dictionary");
        byte[] badRep = formattedDictionary(5, new byte[10], new HuffmanEncoder(), sample, new int[] {1, 4, 80});
        assertThatThrownBy(() -> Codecs.zstd(badRep)).isInstanceOf(CodecArgumentException.class)
                .hasMessageContaining("repeat offset 80");
        assertThatThrownBy(() -> Codecs.zstd(null)).isInstanceOf(CodecArgumentException.class);
    }
}
