package dev.oxistore.compress.internal.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.TestInputs;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/**
 * The zlib and GZIP wrappers against the JDK's own streams (a pure-Java oracle that runs under the
 * deny flags), including 64 MiB, multi-member files and every optional GZIP header field.
 */
class DeflateCodecTest {

    private static final Codec GZIP = Codecs.gzip();
    private static final Codec ZLIB = Codecs.deflate();

    private static byte[] jdkGzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(in);
        }
        return out.toByteArray();
    }

    private static byte[] both(Codec codec, byte[] z, int max) throws IOException {
        byte[] a = codec.decompress(z, max);
        assertThat(codec.decompressingStream(new ByteArrayInputStream(z)).readAllBytes()).isEqualTo(a);
        return a;
    }

    @Test
    void interoperatesWithTheJdkBothWays() throws IOException {
        for (byte[] in : TestInputs.edgeCases()) {
            assertThat(both(GZIP, jdkGzip(in), in.length)).isEqualTo(in);
            assertThat(new GZIPInputStream(new ByteArrayInputStream(GZIP.compress(in))).readAllBytes()).isEqualTo(in);
            ByteArrayOutputStream zlib = new ByteArrayOutputStream();
            try (OutputStream z = new DeflaterOutputStream(zlib)) {
                z.write(in);
            }
            assertThat(both(ZLIB, zlib.toByteArray(), in.length)).isEqualTo(in);
            assertThat(new InflaterInputStream(new ByteArrayInputStream(ZLIB.compress(in))).readAllBytes()).isEqualTo(in);
        }
    }

    @Test
    void sixtyFourMebibytesBothWays() throws IOException {
        byte[] large = TestInputs.large();
        assertThat(GZIP.decompress(jdkGzip(large), large.length)).isEqualTo(large);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(GZIP.compress(large)), 1 << 16).readAllBytes()).isEqualTo(large);
    }

    @Test
    void multipleMembersDecodeInOrder() throws IOException {
        byte[] a = TestInputs.generate(TestInputs.Kind.TEXT, 40_000, 1);
        byte[] b = TestInputs.generate(TestInputs.Kind.MIXED, 90_000, 2);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.writeBytes(jdkGzip(a));
        z.writeBytes(GZIP.compress(b));
        byte[] expected = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertThat(both(GZIP, z.toByteArray(), expected.length)).isEqualTo(expected);
    }

    /** A GZIP member with every optional header field: extra, name, comment and header CRC. */
    private static byte[] fullHeaderMember(byte[] data, boolean goodHeaderCrc) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1F, (byte) 0x8B, 8, 4 | 8 | 16 | 2, 1, 2, 3, 4, 0, 3});
        h.writeBytes(new byte[] {5, 0, 'A', 'B', 2, 0, 'x'});
        h.writeBytes("file.txt\0".getBytes());
        h.writeBytes("a comment\0".getBytes());
        CRC32 hc = new CRC32();
        hc.update(h.toByteArray());
        int v = (int) hc.getValue() ^ (goodHeaderCrc ? 0 : 1);
        h.writeBytes(new byte[] {(byte) v, (byte) (v >>> 8)});
        Deflater d = new Deflater(6, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 100];
        int n = d.deflate(buf);
        d.end();
        h.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] t = new byte[8];
        Bits.putInt(t, 0, (int) crc.getValue());
        Bits.putInt(t, 4, data.length);
        h.writeBytes(t);
        return h.toByteArray();
    }

    @Test
    void optionalHeaderFieldsAreParsedAndTheHeaderCrcChecked() throws IOException {
        byte[] data = TestInputs.generate(TestInputs.Kind.TEXT, 3000, 3);
        assertThat(both(GZIP, fullHeaderMember(data, true), data.length)).isEqualTo(data);
        assertThatThrownBy(() -> GZIP.decompress(fullHeaderMember(data, false), data.length))
                .isInstanceOf(CorruptInputException.class).hasMessageContaining("header CRC");
        assertThatThrownBy(() -> both(GZIP, fullHeaderMember(data, false), data.length))
                .hasMessageContaining("header CRC");
    }

    @Test
    void malformationsAreNamed() throws IOException {
        byte[] data = TestInputs.generate(TestInputs.Kind.TEXT, 3000, 4);
        byte[] z = GZIP.compress(data);
        byte[] trailing = Arrays.copyOf(z, z.length + 3);
        assertThatThrownBy(() -> GZIP.decompress(trailing, data.length)).isInstanceOf(CorruptInputException.class);
        byte[] crc = z.clone();
        crc[z.length - 8] ^= 1;
        assertThatThrownBy(() -> GZIP.decompress(crc, data.length)).hasMessageContaining("CRC32");
        assertThatThrownBy(() -> both(GZIP, crc, data.length)).hasMessageContaining("CRC32");
        byte[] reserved = z.clone();
        reserved[3] = (byte) 0x20;
        assertThatThrownBy(() -> GZIP.decompress(reserved, data.length)).hasMessageContaining("reserved");
        byte[] method = z.clone();
        method[2] = 7;
        assertThatThrownBy(() -> GZIP.decompress(method, data.length)).hasMessageContaining("method");
        byte[] zl = ZLIB.compress(data);
        byte[] zlTrailing = Arrays.copyOf(zl, zl.length + 1);
        assertThatThrownBy(() -> ZLIB.decompress(zlTrailing, data.length)).hasMessageContaining("trailing");
        assertThatThrownBy(() -> both(ZLIB, zlTrailing, data.length)).hasMessageContaining("trailing");
        byte[] garbage = {0x78, (byte) 0x9C, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> ZLIB.decompress(garbage, 100)).isInstanceOf(CorruptInputException.class);
    }

    @Test
    void presetDictionariesAreUnsupported() throws IOException {
        Deflater d = new Deflater();
        d.setDictionary("hello world".getBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(out, d)) {
            z.write("hello world hello world".getBytes());
        }
        d.end();
        assertThatThrownBy(() -> ZLIB.decompress(out.toByteArray(), 100)).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> both(ZLIB, out.toByteArray(), 100)).isInstanceOf(UnsupportedFeatureException.class);
    }
}
