package dev.oxistore.compress.internal.zstd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.TestInputs;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.XxHash64;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Zstandard frames built byte by byte: headers, block types, and each malformation. */
class ZstdFormatTest {

    private static final Codec ZSTD = Codecs.zstd();
    private static final byte[] MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else if (p instanceof Character c) {
                out.write(c);
            } else {
                out.write(((Number) p).intValue());
            }
        }
        return out.toByteArray();
    }

    /** A block header: last flag, type, size. */
    private static byte[] block(boolean last, int type, int size) {
        byte[] h = new byte[3];
        Bits.put24(h, 0, (last ? 1 : 0) | type << 1 | size << 3);
        return h;
    }

    private static byte[] both(byte[] z, int max) throws IOException {
        byte[] a = ZSTD.decompress(z, max);
        assertThat(ZSTD.decompressingStream(new ByteArrayInputStream(z)).readAllBytes()).isEqualTo(a);
        return a;
    }

    @Test
    void rawAndRleBlocksInASingleSegmentFrame() throws IOException {
        byte[] z = bytes(MAGIC, 0x20, 10, block(false, 0, 5), "hello", block(true, 1, 5), 'x');
        assertThat(new String(both(z, 10), StandardCharsets.US_ASCII)).isEqualTo("helloxxxxx");
        assertThat(ZSTD.decompressedLength(z, 0, z.length)).hasValue(10);
        byte[] empty = bytes(MAGIC, 0x20, 0, block(true, 0, 0));
        assertThat(both(empty, 10)).isEmpty();
    }

    @Test
    void windowDescriptorFramesWithoutContentSize() throws IOException {
        byte[] data = TestInputs.generate(TestInputs.Kind.RANDOM, 1000, 1);
        byte[] z = bytes(MAGIC, 0x00, 0x00, block(false, 0, 1000), data, block(true, 1, 24), 7);
        byte[] out = both(z, 2000);
        assertThat(out).hasSize(1024).startsWith(data);
        assertThat(ZSTD.decompressedLength(z, 0, z.length)).isEmpty();
        byte[] tooBig = bytes(MAGIC, 0x00, 0x00, block(true, 0, 1025), new byte[1025]);
        assertThatThrownBy(() -> ZSTD.decompress(tooBig, 2000)).hasMessageContaining("exceeds the frame's maximum");
    }

    @Test
    void contentSizeAndChecksumAreVerified() throws IOException {
        byte[] content = "helloxxxxx".getBytes(StandardCharsets.US_ASCII);
        byte[] sum = new byte[4];
        Bits.putInt(sum, 0, (int) XxHash64.hash(content, 0, 10, 0));
        byte[] ok = bytes(MAGIC, 0x24, 10, block(false, 0, 5), "hello", block(true, 1, 5), 'x', sum);
        assertThat(both(ok, 10)).isEqualTo(content);
        byte[] bad = ok.clone();
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> ZSTD.decompress(bad, 10)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> both(bad, 10)).hasMessageContaining("checksum");
        byte[] longer = bytes(MAGIC, 0x20, 11, block(false, 0, 5), "hello", block(true, 1, 5), 'x');
        assertThatThrownBy(() -> ZSTD.decompress(longer, 20)).hasMessageContaining("declares 11");
        assertThatThrownBy(() -> both(longer, 20)).hasMessageContaining("declares 11");
        byte[] shorter = bytes(MAGIC, 0x20, 9, block(false, 0, 5), "hello", block(true, 1, 4), 'x', block(true, 0, 0));
        assertThatThrownBy(() -> ZSTD.decompress(shorter, 20)).isInstanceOf(CorruptInputException.class);
    }

    @Test
    void headerMalformationsAndUnsupportedFeaturesAreNamed() {
        assertThatThrownBy(() -> ZSTD.decompress(bytes(MAGIC, 0x28, 1, block(true, 0, 0)), 10))
                .isInstanceOf(CorruptInputException.class).hasMessageContaining("reserved bit");
        assertThatThrownBy(() -> ZSTD.decompress(bytes(MAGIC, 0x21, 7, 0, block(true, 0, 0)), 10))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("dictionary 7");
        assertThatThrownBy(() -> ZSTD.decompress(bytes(0x27, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0, 0), 10))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("legacy");
        assertThatThrownBy(() -> ZSTD.decompress(bytes(1, 2, 3, 4, 5), 10)).hasMessageContaining("magic");
        assertThatThrownBy(() -> ZSTD.decompress(bytes(MAGIC, 0x00, 22 << 3, block(true, 0, 0)), 10))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> ZSTD.decompress(bytes(MAGIC, 0x20, 1, block(true, 3, 0)), 10))
                .hasMessageContaining("reserved Zstandard block type");
        assertThatThrownBy(() -> ZSTD.decompress(bytes(MAGIC, 0x20), 10)).hasMessageContaining("truncated");
    }

    @Test
    void streamsRefuseWindowsBeyondTheirLimitWhileArraysDecodeThem() {
        byte[] z = bytes(MAGIC, 0x00, 18 << 3, block(true, 0, 3), "abc");
        assertThat(ZSTD.decompress(z, 10)).containsExactly('a', 'b', 'c');
        assertThatThrownBy(() -> ZSTD.decompressingStream(new ByteArrayInputStream(z)).readAllBytes())
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("window");
    }

    @Test
    void compressedBlockMalformationsAreNamed() {
        // Treeless literals with no earlier Huffman table in the frame.
        byte[] treeless = bytes(MAGIC, 0, 0, block(true, 2, 9), 3 | 4 << 4, 5 << 6, 0, 1, 2, 3, 4, 5, 0);
        assertThatThrownBy(() -> ZSTD.decompress(treeless, 10)).hasMessageContaining("treeless");
        // Raw empty literals, one sequence, every table in repeat mode with nothing to repeat.
        byte[] repeat = bytes(MAGIC, 0, 0, block(true, 2, 5), 0, 1, 0xFC, 0x12, 0x34);
        assertThatThrownBy(() -> ZSTD.decompress(repeat, 10)).hasMessageContaining("repeat mode");
        byte[] reservedModes = bytes(MAGIC, 0, 0, block(true, 2, 5), 0, 1, 0x01, 0x12, 0x34);
        assertThatThrownBy(() -> ZSTD.decompress(reservedModes, 10)).hasMessageContaining("reserved bits");
        byte[] extra = bytes(MAGIC, 0, 0, block(true, 2, 4), 0, 0, 9, 9);
        assertThatThrownBy(() -> ZSTD.decompress(extra, 10)).hasMessageContaining("without sequences");
        byte[] rawLiterals = bytes(MAGIC, 0, 0, block(true, 2, 6), 4 << 3, "abcd", 0);
        assertThat(ZSTD.decompress(rawLiterals, 10)).containsExactly('a', 'b', 'c', 'd');
        byte[] rleLiterals = bytes(MAGIC, 0, 0, block(true, 2, 3), 1 | 4 << 3, 'q', 0);
        assertThat(ZSTD.decompress(rleLiterals, 10)).containsExactly('q', 'q', 'q', 'q');
    }

    @Test
    void skippableAndConcatenatedFramesDecodeInOrder() throws IOException {
        byte[] a = TestInputs.generate(TestInputs.Kind.MIXED, 400_000, 1);
        byte[] b = TestInputs.generate(TestInputs.Kind.TEXT, 100_000, 2);
        byte[] skip = {0x5F, 0x2A, 0x4D, 0x18, 1, 0, 0, 0, 9};
        byte[] z = bytes(skip, ZSTD.compress(a), skip, ZSTD.compress(b));
        byte[] expected = bytes(a, b);
        assertThat(both(z, expected.length)).isEqualTo(expected);
        assertThat(ZSTD.decompressedLength(z, 0, z.length)).hasValue(expected.length);
        assertThatThrownBy(() -> ZSTD.decompress(bytes(z, 1, 2), expected.length)).hasMessageContaining("truncated");
    }

    @Test
    void framesLargerThanTheWindowUseWindowDescriptorsAndStayWithinIt() throws IOException {
        byte[] in = TestInputs.generate(TestInputs.Kind.FAR_REPEAT, 6 << 20, 5);
        byte[] z = ZSTD.compress(in);
        assertThat(z[4] & 0x20).as("not single-segment").isZero();
        assertThat(z[5] & 0xFF).as("window 2^21").isEqualTo((21 - 10) << 3);
        assertThat(both(z, in.length)).isEqualTo(in);
    }
}
