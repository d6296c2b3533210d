package dev.oxistore.compress.internal.lz4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.TestInputs;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.XxHash32;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * LZ4 block, frame and Hadoop formats on hand-built inputs: features our encoder never writes
 * (linked blocks, block checksums, several pieces per Hadoop chunk, skippable frames) and each
 * malformation the decoders must name.
 */
class Lz4FormatTest {

    private static final Codec FRAME = Codecs.lz4Frame();
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    /** An LZ4 block: a 16-byte match 26 bytes back (into the previous block), then "12345". */
    private static final byte[] LINKED_BLOCK = {0x0C, 0x1A, 0x00, 0x50, '1', '2', '3', '4', '5'};

    /** Builds LZ4 frames byte by byte. */
    static final class Frame {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean blockChecksums;

        Frame header(int flg, int bd, long contentSize) {
            byte[] h = new byte[15];
            Bits.putInt(h, 0, 0x184D2204);
            h[4] = (byte) flg;
            h[5] = (byte) bd;
            int len = 2;
            if (contentSize >= 0) {
                Bits.putLong(h, 6, contentSize);
                len += 8;
            }
            h[4 + len] = (byte) (XxHash32.hash(h, 4, len, 0) >>> 8);
            out.write(h, 0, 5 + len);
            blockChecksums = (flg & 0x10) != 0;
            return this;
        }

        Frame block(byte[] data, boolean raw) {
            byte[] w = new byte[4];
            Bits.putInt(w, 0, data.length | (raw ? 0x80000000 : 0));
            out.writeBytes(w);
            out.writeBytes(data);
            if (blockChecksums) {
                Bits.putInt(w, 0, XxHash32.hash(data, 0, data.length, 0));
                out.writeBytes(w);
            }
            return this;
        }

        byte[] end(byte[] contentForChecksum) {
            out.writeBytes(new byte[4]);
            if (contentForChecksum != null) {
                byte[] c = new byte[4];
                Bits.putInt(c, 0, XxHash32.hash(contentForChecksum, 0, contentForChecksum.length, 0));
                out.writeBytes(c);
            }
            return out.toByteArray();
        }
    }

    private static byte[] linkedExpected() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.writeBytes(ALPHABET);
        e.write(ALPHABET, 0, 16);
        e.writeBytes("12345".getBytes(StandardCharsets.US_ASCII));
        return e.toByteArray();
    }

    private static byte[] stream(Codec codec, byte[] z) throws IOException {
        return codec.decompressingStream(new ByteArrayInputStream(z)).readAllBytes();
    }

    @Test
    void linkedBlocksReachIntoThePreviousBlockInArraysAndStreams() throws IOException {
        byte[] expected = linkedExpected();
        byte[] z = new Frame().header(0x40 | 0x04, 0x40, -1).block(ALPHABET, true).block(LINKED_BLOCK, false).end(expected);
        assertThat(FRAME.decompress(z, 1000)).isEqualTo(expected);
        assertThat(stream(FRAME, z)).isEqualTo(expected);
    }

    @Test
    void independentBlocksMayNotReachBack() {
        byte[] z = new Frame().header(0x60, 0x40, -1).block(ALPHABET, true).block(LINKED_BLOCK, false).end(null);
        assertThatThrownBy(() -> FRAME.decompress(z, 1000)).isInstanceOf(CorruptInputException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> stream(FRAME, z)).isInstanceOf(CorruptInputException.class);
    }

    @Test
    void linkedHistorySurvivesManyBlocksInTheStream() throws IOException {
        // 200 raw blocks of 1000 bytes, then a linked block copying from 26 bytes back.
        Frame f = new Frame().header(0x40, 0x40, -1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] part = TestInputs.generate(TestInputs.Kind.TEXT, 974, i);
            f.block(part, true);
            expected.writeBytes(part);
            f.block(ALPHABET, true);
            expected.writeBytes(ALPHABET);
        }
        byte[] z = f.block(LINKED_BLOCK, false).end(null);
        expected.write(ALPHABET, 0, 16);
        expected.writeBytes("12345".getBytes(StandardCharsets.US_ASCII));
        assertThat(stream(FRAME, z)).isEqualTo(expected.toByteArray());
        assertThat(FRAME.decompress(z, 1 << 20)).isEqualTo(expected.toByteArray());
    }

    @Test
    void blockChecksumsAndContentSizeAreVerified() throws IOException {
        byte[] data = TestInputs.generate(TestInputs.Kind.TEXT, 3000, 1);
        byte[] block = Codecs.lz4().compress(data);
        byte[] z = new Frame().header(0x40 | 0x20 | 0x10 | 0x08 | 0x04, 0x40, data.length).block(block, false).end(data);
        assertThat(FRAME.decompress(z, data.length)).isEqualTo(data);
        assertThat(stream(FRAME, z)).isEqualTo(data);
        assertThat(FRAME.decompressedLength(z, 0, z.length)).hasValue(data.length);

        byte[] badBlockSum = z.clone();
        badBlockSum[15 + 4 + block.length] ^= 1;
        assertThatThrownBy(() -> FRAME.decompress(badBlockSum, data.length)).hasMessageContaining("block checksum");
        byte[] badSize = new Frame().header(0x40 | 0x20 | 0x08, 0x40, data.length + 1).block(block, false).end(null);
        assertThatThrownBy(() -> FRAME.decompress(badSize, data.length + 1)).isInstanceOf(CorruptInputException.class)
                .hasMessageContaining("declares");
        assertThatThrownBy(() -> stream(FRAME, badSize)).isInstanceOf(CorruptInputException.class);
        byte[] badContent = z.clone();
        badContent[z.length - 1] ^= 1;
        assertThatThrownBy(() -> FRAME.decompress(badContent, data.length)).hasMessageContaining("content checksum");
        assertThatThrownBy(() -> stream(FRAME, badContent)).hasMessageContaining("content checksum");
    }

    @Test
    void skippableAndConcatenatedFramesDecodeInOrder() throws IOException {
        byte[] a = TestInputs.generate(TestInputs.Kind.MIXED, 100_000, 1);
        byte[] b = TestInputs.generate(TestInputs.Kind.TEXT, 70_000, 2);
        byte[] skip = {0x53, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 9, 9};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(skip);
        all.writeBytes(FRAME.compress(a));
        all.writeBytes(skip);
        all.writeBytes(FRAME.compress(b));
        byte[] z = all.toByteArray();
        byte[] expected = new byte[a.length + b.length];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        assertThat(FRAME.decompress(z, expected.length)).isEqualTo(expected);
        assertThat(stream(FRAME, z)).isEqualTo(expected);
        assertThat(FRAME.decompressedLength(z, 0, z.length)).hasValue(expected.length);
    }

    @Test
    void malformedHeadersAreNamed() {
        byte[] ok = FRAME.compress(new byte[] {1, 2, 3});
        byte[] hc = ok.clone();
        hc[14] ^= 1;
        assertThatThrownBy(() -> FRAME.decompress(hc, 10)).isInstanceOf(CorruptInputException.class)
                .hasMessageContaining("header checksum");
        byte[] version = new Frame().header(0x80, 0x40, -1).end(null);
        assertThatThrownBy(() -> FRAME.decompress(version, 10)).hasMessageContaining("version");
        byte[] reserved = new Frame().header(0x42, 0x40, -1).end(null);
        assertThatThrownBy(() -> FRAME.decompress(reserved, 10)).hasMessageContaining("reserved");
        byte[] blockId = new Frame().header(0x40, 0x30, -1).end(null);
        assertThatThrownBy(() -> FRAME.decompress(blockId, 10)).hasMessageContaining("size id");
        byte[] dict = new Frame().header(0x41, 0x40, -1).end(null);
        assertThatThrownBy(() -> FRAME.decompress(dict, 10)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("dictionar");
        byte[] legacy = {0x02, 0x21, 0x4C, 0x18, 0, 0, 0, 0};
        assertThatThrownBy(() -> FRAME.decompress(legacy, 10)).isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("legacy");
        byte[] tooBig = new Frame().header(0x60, 0x40, -1).block(new byte[65537], true).end(null);
        assertThatThrownBy(() -> FRAME.decompress(tooBig, 1 << 20)).hasMessageContaining("exceeds");
    }

    @Test
    void blockDecoderRejectsEachMalformation() {
        Codec lz4 = Codecs.lz4();
        byte[] dst = new byte[100];
        assertThatThrownBy(() -> lz4.decompress(new byte[] {0x10, 'a', 0x00, 0x00}, 0, 4, dst, 0, 100))
                .hasMessageContaining("offset 0");
        assertThatThrownBy(() -> lz4.decompress(new byte[] {0x10, 'a', 0x02, 0x00, 0x00}, 0, 5, dst, 0, 100))
                .hasMessageContaining("before the start");
        assertThatThrownBy(() -> lz4.decompress(new byte[] {0x30, 'a'}, 0, 2, dst, 0, 100))
                .hasMessageContaining("passes the end");
        assertThatThrownBy(() -> lz4.decompress(new byte[] {0x10, 'a', 0x01, 0x00}, 0, 4, dst, 0, 100))
                .hasMessageContaining("ends after a match");
        assertThatThrownBy(() -> lz4.decompress(new byte[] {(byte) 0xF0, (byte) 0xFF}, 0, 2, dst, 0, 100))
                .isInstanceOf(CorruptInputException.class);
        // A run of 1000 'a' from one literal and a long overlapping match.
        byte[] run = {0x1F, 'a', 0x01, 0x00, (byte) 255, (byte) 255, (byte) 255, (byte) 210, 0x50, 'a', 'a', 'a', 'a', 'a'};
        byte[] out = new byte[1000];
        assertThat(lz4.decompress(run, 0, run.length, out, 0, out.length)).isEqualTo(1000);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("a".repeat(1000));
    }

    @Test
    void hadoopChunksMayHoldSeveralPiecesAndBareBlocksStillDecode() throws IOException {
        byte[] a = TestInputs.generate(TestInputs.Kind.TEXT, 5000, 1);
        byte[] b = TestInputs.generate(TestInputs.Kind.MIXED, 7000, 2);
        byte[] za = Codecs.lz4().compress(a);
        byte[] zb = Codecs.lz4().compress(b);
        byte[] z = new byte[4 + 4 + za.length + 4 + zb.length];
        Bits.putIntBE(z, 0, a.length + b.length);
        Bits.putIntBE(z, 4, za.length);
        System.arraycopy(za, 0, z, 8, za.length);
        Bits.putIntBE(z, 8 + za.length, zb.length);
        System.arraycopy(zb, 0, z, 12 + za.length, zb.length);
        byte[] expected = new byte[a.length + b.length];
        System.arraycopy(a, 0, expected, 0, a.length);
        System.arraycopy(b, 0, expected, a.length, b.length);
        Codec hadoop = Codecs.lz4Hadoop();
        assertThat(hadoop.decompress(z, expected.length)).isEqualTo(expected);
        assertThat(stream(hadoop, z)).isEqualTo(expected);
        assertThat(hadoop.decompress(za, a.length)).as("a bare LZ4 block, as old Parquet writers stored")
                .isEqualTo(a);
        byte[] arrowEmpty = {0, 0, 0, 0, 0, 0, 0, 1, 0};
        assertThat(hadoop.decompress(arrowEmpty, 10)).isEmpty();
        assertThat(stream(hadoop, arrowEmpty)).isEmpty();
    }
}
