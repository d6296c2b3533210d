package dev.oxistore.compress.internal.snappy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.OutputTooSmallException;
import dev.oxistore.compress.TestInputs;
import dev.oxistore.compress.internal.Bits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Raw Snappy and the framing format on hand-built inputs: every element and chunk type. */
class SnappyFormatTest {

    private static final Codec RAW = Codecs.snappy();
    private static final Codec FRAMED = Codecs.snappyFramed();
    private static final byte[] STREAM_ID = {(byte) 0xFF, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'};

    private static byte[] chunk(int type, byte[] payload) {
        byte[] c = new byte[4 + payload.length];
        c[0] = (byte) type;
        Bits.put24(c, 1, payload.length);
        System.arraycopy(payload, 0, c, 4, payload.length);
        return c;
    }

    private static byte[] dataChunk(int type, byte[] data, byte[] stored) {
        byte[] p = new byte[4 + stored.length];
        Bits.putInt(p, 0, SnappyFramedCodec.checksum(data, 0, data.length));
        System.arraycopy(stored, 0, p, 4, stored.length);
        return chunk(type, p);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] both(byte[] z, int max) throws IOException {
        byte[] a = FRAMED.decompress(z, max);
        assertThat(FRAMED.decompressingStream(new ByteArrayInputStream(z)).readAllBytes()).isEqualTo(a);
        return a;
    }

    @Test
    void everyElementTypeDecodes() {
        // literal "abcd", copy-1 (len 4, offset 4), copy-2 (len 8, offset 8), copy-4 (len 2, offset 16),
        // a literal with a one-byte extended length (61 bytes).
        byte[] lit61 = "x".repeat(61).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.write(4 + 4 + 8 + 2 + 61);
        z.writeBytes(new byte[] {3 << 2, 'a', 'b', 'c', 'd'});
        z.writeBytes(new byte[] {1, 4});
        z.writeBytes(new byte[] {(byte) (2 | 7 << 2), 8, 0});
        z.writeBytes(new byte[] {(byte) (3 | 1 << 2), 16, 0, 0, 0});
        z.writeBytes(new byte[] {(byte) (60 << 2), 60});
        z.writeBytes(lit61);
        byte[] out = RAW.decompress(z.toByteArray(), 100);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("abcdabcdabcdabcdab" + "x".repeat(61));
        assertThat(RAW.decompressedLength(z.toByteArray(), 0, z.size())).hasValue(79);
    }

    @Test
    void rawMalformationsAreNamed() {
        byte[] dst = new byte[100];
        assertThatThrownBy(() -> RAW.decompress(new byte[] {5, 0, 'a', 1, 0}, 0, 5, dst, 0, 100))
                .isInstanceOf(CorruptInputException.class).hasMessageContaining("offset 0");
        assertThatThrownBy(() -> RAW.decompress(new byte[] {5, 0, 'a', 1, 2}, 0, 5, dst, 0, 100))
                .hasMessageContaining("outside the output");
        assertThatThrownBy(() -> RAW.decompress(new byte[] {3, 0, 'a'}, 0, 3, dst, 0, 100))
                .hasMessageContaining("declares 3");
        assertThatThrownBy(() -> RAW.decompress(new byte[] {1, 4, 'a'}, 0, 3, dst, 0, 100))
                .hasMessageContaining("passes the end");
        assertThatThrownBy(() -> RAW.decompress(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 1}, 0, 6, dst, 0, 100)).hasMessageContaining("preamble");
        assertThatThrownBy(() -> RAW.decompress(new byte[] {101, 0, 'a'}, 0, 3, dst, 0, 100))
                .isInstanceOf(OutputTooSmallException.class);
    }

    @Test
    void framedChunkTypesDecodeOrSkip() throws IOException {
        byte[] a = TestInputs.generate(TestInputs.Kind.TEXT, 5000, 1);
        byte[] b = TestInputs.generate(TestInputs.Kind.RANDOM, 300, 2);
        byte[] z = concat(STREAM_ID, dataChunk(0x00, a, RAW.compress(a)), chunk(0xFE, new byte[7]),
                chunk(0x80, new byte[3]), STREAM_ID, dataChunk(0x01, b, b), chunk(0xFD, new byte[0]));
        assertThat(both(z, a.length + b.length)).isEqualTo(concat(a, b));
        assertThat(both(STREAM_ID, 10)).isEmpty();
    }

    @Test
    void framedMalformationsAreNamed() {
        byte[] a = "hello hello hello".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FRAMED.decompress(dataChunk(0x01, a, a), 100))
                .hasMessageContaining("stream identifier");
        assertThatThrownBy(() -> FRAMED.decompress(concat(STREAM_ID, chunk(0x02, new byte[1])), 100))
                .hasMessageContaining("unskippable");
        byte[] badCrc = dataChunk(0x01, a, a);
        badCrc[4] ^= 1;
        assertThatThrownBy(() -> FRAMED.decompress(concat(STREAM_ID, badCrc), 100)).hasMessageContaining("checksum");
        byte[] bigRaw = new byte[65537];
        assertThatThrownBy(() -> FRAMED.decompress(concat(STREAM_ID, dataChunk(0x01, bigRaw, bigRaw)), 1 << 20))
                .hasMessageContaining("65536");
        byte[] bigCompressed = RAW.compress(bigRaw);
        assertThatThrownBy(() -> FRAMED.decompress(concat(STREAM_ID, dataChunk(0x00, bigRaw, bigCompressed)), 1 << 20))
                .hasMessageContaining("65536");
        byte[] badId = STREAM_ID.clone();
        badId[9] = 'y';
        assertThatThrownBy(() -> FRAMED.decompress(badId, 100)).hasMessageContaining("identifier");
        assertThatThrownBy(() -> FRAMED.decompress(concat(STREAM_ID, new byte[] {0, 9, 0}), 100))
                .hasMessageContaining("truncated");
    }

    @Test
    void checksumIsTheMaskedCrc32c() {
        // The mask of the framing format applied to a CRC32C of "123456789" (0xE3069283).
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        int crc = 0xE3069283;
        int expected = ((crc >>> 15) | (crc << 17)) + 0xA282EAD8;
        assertThat(SnappyFramedCodec.checksum(digits, 0, digits.length)).isEqualTo(expected);
    }
}
