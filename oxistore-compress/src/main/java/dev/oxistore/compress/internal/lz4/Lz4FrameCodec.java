package dev.oxistore.compress.internal.lz4;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.AbstractCodec;
import dev.oxistore.compress.internal.Args;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.DecodingInputStream;
import dev.oxistore.compress.internal.EncodingOutputStream;
import dev.oxistore.compress.internal.Pool;
import dev.oxistore.compress.internal.XxHash32;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * Codec {@code lz4-frame}: the LZ4 frame format (lz4_Frame_format.md).
 *
 * <pre>
 * frame      = magic 0x184D2204 (LE32), FLG, BD, [content size LE64], [dict id LE32], HC,
 *              block*, end mark 0 (LE32), [content checksum LE32]
 * FLG        = version 01 (bits 7-6), block independence (5), block checksum (4),
 *              content size (3), content checksum (2), reserved 0 (1), dict id (0)
 * BD         = reserved 0 (7), block max size id 4..7 = 64 KiB, 256 KiB, 1 MiB, 4 MiB (6-4), reserved 0
 * HC         = second byte of xxHash32(FLG .. dict id, seed 0)
 * block      = size LE32 (high bit set: stored uncompressed), data, [xxHash32 of data]
 * skippable  = magic 0x184D2A50..5F (LE32), size LE32, data
 * </pre>
 *
 * <p>Written frames have independent blocks, a content checksum and, for one-shot compression, the
 * content size; the block size is the smallest that holds the input (streams use 64 KiB). The
 * decoder reads every frame of the input in turn, linked or independent blocks, block and content
 * checksums, and skippable frames. Dictionaries (dict id flag) and the legacy frame format raise
 * {@link UnsupportedFeatureException}.
 */
public final class Lz4FrameCodec extends AbstractCodec {

    static final int MAGIC = 0x184D2204;
    static final int LEGACY_MAGIC = 0x184C2102;
    static final int SKIPPABLE_MASK = 0xFFFFFFF0;
    static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int FLG_VERSION = 0x40;
    private static final int FLG_INDEPENDENT = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_RESERVED = 0x02;
    private static final int FLG_DICT_ID = 0x01;
    private static final int STREAM_BLOCK_ID = 4;
    private static final int RAW_BLOCK = 0x80000000;

    private final Pool<int[]> tables = new Pool<>(Lz4Block::newTable);

    public Lz4FrameCodec() {
        super("lz4-frame", null);
    }

    static int blockMaxSize(int id) {
        return 1 << (2 * id + 8);
    }

    @Override
    protected long maxCompressedLength(long n) {
        // header 15, end mark 4, checksum 4, and per 64 KiB (the smallest block) a 4-byte size;
        // a block that does not shrink is stored, so data never grows.
        return 23 + n + 4 * ((n + 65535) / 65536);
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int id = STREAM_BLOCK_ID;
        while (id < 7 && blockMaxSize(id) < srcLen) {
            id++;
        }
        int blockMax = blockMaxSize(id);
        int dstEnd = dstOff + dstLen;
        if (dstLen < 15) {
            throw Args.tooSmall(name, dstLen);
        }
        int op = dstOff;
        Bits.putInt(dst, op, MAGIC);
        dst[op + 4] = (byte) (FLG_VERSION | FLG_INDEPENDENT | FLG_CONTENT_SIZE | FLG_CONTENT_CHECKSUM);
        dst[op + 5] = (byte) (id << 4);
        Bits.putLong(dst, op + 6, srcLen);
        dst[op + 14] = headerChecksum(dst, op + 4, 10);
        op += 15;
        int[] table = tables.acquire();
        try {
            for (int p = srcOff, end = srcOff + srcLen; p < end; p += blockMax) {
                op = writeBlock(src, p, Math.min(blockMax, end - p), dst, op, dstEnd, table);
            }
        } finally {
            tables.release(table);
        }
        if (dstEnd - op < 8) {
            throw Args.tooSmall(name, dstLen);
        }
        Bits.putInt(dst, op, 0);
        Bits.putInt(dst, op + 4, XxHash32.hash(src, srcOff, srcLen, 0));
        return op + 8 - dstOff;
    }

    /** Writes one block (compressed, or stored when that is not smaller) and returns the new end. */
    private int writeBlock(byte[] src, int off, int len, byte[] dst, int op, int dstEnd, int[] table) {
        if (dstEnd - op < 4) {
            throw Args.tooSmall(name, dstEnd - op);
        }
        int n = Lz4Block.compress(src, off, len, dst, op + 4, Math.min(len - 1, dstEnd - op - 4), table);
        if (n > 0) {
            Bits.putInt(dst, op, n);
            return op + 4 + n;
        }
        if (dstEnd - op - 4 < len) {
            throw Args.tooSmall(name, dstEnd - op);
        }
        Bits.putInt(dst, op, RAW_BLOCK | len);
        System.arraycopy(src, off, dst, op + 4, len);
        return op + 4 + len;
    }

    static byte headerChecksum(byte[] b, int off, int len) {
        return (byte) (XxHash32.hash(b, off, len, 0) >>> 8);
    }

    /** The parsed FLG and BD bytes of a frame. */
    record Descriptor(int flg, int blockMax, int headerLength) {
        boolean independent() {
            return (flg & FLG_INDEPENDENT) != 0;
        }

        boolean blockChecksum() {
            return (flg & FLG_BLOCK_CHECKSUM) != 0;
        }

        boolean contentSize() {
            return (flg & FLG_CONTENT_SIZE) != 0;
        }

        boolean contentChecksum() {
            return (flg & FLG_CONTENT_CHECKSUM) != 0;
        }
    }

    /** Validates FLG and BD; the header length counts FLG through HC. */
    static Descriptor descriptor(String codec, int flg, int bd) {
        if ((flg & 0xC0) != FLG_VERSION) {
            throw new CorruptInputException(codec, "unknown LZ4 frame version " + (flg >>> 6) + " (only 1 exists)");
        }
        if ((flg & FLG_RESERVED) != 0 || (bd & 0x8F) != 0) {
            throw new CorruptInputException(codec, "reserved bits set in the LZ4 frame descriptor");
        }
        int id = (bd >>> 4) & 7;
        if (id < 4) {
            throw new CorruptInputException(codec, "invalid LZ4 block maximum size id " + id + " (must be 4 to 7)");
        }
        if ((flg & FLG_DICT_ID) != 0) {
            throw new UnsupportedFeatureException(codec, "the LZ4 frame needs a dictionary (dict id flag set);"
                    + " dictionaries are not supported: recompress without one");
        }
        int len = 3 + ((flg & FLG_CONTENT_SIZE) != 0 ? 8 : 0);
        return new Descriptor(flg, blockMaxSize(id), len);
    }

    static RuntimeException unknownMagic(String codec, int magic) {
        if (magic == LEGACY_MAGIC) {
            return new UnsupportedFeatureException(codec, "legacy LZ4 frame (lz4 -l) is not supported;"
                    + " recompress with the current frame format");
        }
        return new CorruptInputException(codec, String.format("not an LZ4 frame: magic 0x%08X", magic));
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int ip = srcOff;
        int end = srcOff + srcLen;
        int op = dstOff;
        int oEnd = dstOff + dstLen;
        if (srcLen == 0) {
            throw Args.corrupt(name, "empty input: an LZ4 frame holds at least a header");
        }
        while (ip < end) {
            if (end - ip < 4) {
                throw Args.corrupt(name, "truncated input: " + (end - ip) + " bytes after the last frame");
            }
            int magic = Bits.getInt(src, ip);
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                ip = skip(src, ip, end);
                continue;
            }
            if (magic != MAGIC) {
                throw unknownMagic(name, magic);
            }
            if (end - ip < 7) {
                throw Args.corrupt(name, "truncated LZ4 frame header");
            }
            Descriptor d = descriptor(name, src[ip + 4] & 0xFF, src[ip + 5] & 0xFF);
            if (end - ip - 4 < d.headerLength()) {
                throw Args.corrupt(name, "truncated LZ4 frame header");
            }
            if (headerChecksum(src, ip + 4, d.headerLength() - 1) != src[ip + 4 + d.headerLength() - 1]) {
                throw Args.corrupt(name, "LZ4 frame header checksum mismatch");
            }
            long declared = d.contentSize() ? Bits.getLong(src, ip + 6) : -1;
            if (declared > oEnd - op || (d.contentSize() && declared < 0)) {
                if (declared < 0) {
                    throw Args.corrupt(name, "negative LZ4 content size");
                }
                throw Args.tooSmall(name, dstLen);
            }
            ip += 4 + d.headerLength();
            int frameStart = op;
            while (true) {
                if (end - ip < 4) {
                    throw Args.corrupt(name, "truncated LZ4 frame: missing block header or end mark");
                }
                int word = Bits.getInt(src, ip);
                ip += 4;
                if (word == 0) {
                    break;
                }
                int size = word & ~RAW_BLOCK;
                if (size > d.blockMax()) {
                    throw Args.corrupt(name, "LZ4 block of " + size + " bytes exceeds the frame's maximum of " + d.blockMax());
                }
                if (end - ip < size + (d.blockChecksum() ? 4 : 0)) {
                    throw Args.corrupt(name, "truncated LZ4 block");
                }
                if (d.blockChecksum() && XxHash32.hash(src, ip, size, 0) != Bits.getInt(src, ip + size)) {
                    throw Args.corrupt(name, "LZ4 block checksum mismatch");
                }
                if (word < 0) {
                    if (size > oEnd - op) {
                        throw Args.tooSmall(name, dstLen);
                    }
                    System.arraycopy(src, ip, dst, op, size);
                    op += size;
                } else {
                    int limit = oEnd - op < d.blockMax() ? oEnd : op + d.blockMax();
                    int n = Lz4Block.decompress(name, src, ip, size, dst, d.independent() ? op : frameStart, op, limit);
                    if (n == Lz4Block.OUTPUT_OVERFLOW) {
                        if (limit == oEnd) {
                            throw Args.tooSmall(name, dstLen);
                        }
                        throw Args.corrupt(name, "LZ4 block decodes to more than the frame's maximum block size");
                    }
                    op += n;
                }
                ip += size + (d.blockChecksum() ? 4 : 0);
            }
            if (d.contentChecksum()) {
                if (end - ip < 4) {
                    throw Args.corrupt(name, "truncated LZ4 frame: missing content checksum");
                }
                if (XxHash32.hash(dst, frameStart, op - frameStart, 0) != Bits.getInt(src, ip)) {
                    throw Args.corrupt(name, "LZ4 content checksum mismatch");
                }
                ip += 4;
            }
            if (d.contentSize() && declared != op - frameStart) {
                throw Args.corrupt(name, "LZ4 frame declares " + declared + " bytes but holds " + (op - frameStart));
            }
        }
        return op - dstOff;
    }

    private int skip(byte[] src, int ip, int end) {
        if (end - ip < 8) {
            throw Args.corrupt(name, "truncated skippable frame header");
        }
        long size = Bits.getInt(src, ip + 4) & 0xFFFFFFFFL;
        if (size > end - ip - 8) {
            throw Args.corrupt(name, "truncated skippable frame");
        }
        return ip + 8 + (int) size;
    }

    @Override
    protected OptionalLong doDecompressedLength(byte[] src, int srcOff, int srcLen) {
        long total = 0;
        int ip = srcOff;
        int end = srcOff + srcLen;
        while (end - ip >= 8) {
            int magic = Bits.getInt(src, ip);
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                long size = Bits.getInt(src, ip + 4) & 0xFFFFFFFFL;
                if (size > end - ip - 8) {
                    return OptionalLong.empty();
                }
                ip += 8 + (int) size;
                continue;
            }
            if (magic != MAGIC || end - ip < 15 || (src[ip + 4] & FLG_CONTENT_SIZE) == 0) {
                return OptionalLong.empty();
            }
            long declared = Bits.getLong(src, ip + 6);
            if (declared < 0) {
                return OptionalLong.empty();
            }
            total += declared;
            // Walk the block headers to the next frame; sizes come from the headers alone.
            boolean blockChecksum = (src[ip + 4] & FLG_BLOCK_CHECKSUM) != 0;
            boolean contentChecksum = (src[ip + 4] & FLG_CONTENT_CHECKSUM) != 0;
            ip += 4 + 3 + 8 + ((src[ip + 4] & FLG_DICT_ID) != 0 ? 4 : 0);
            while (true) {
                if (end - ip < 4) {
                    return OptionalLong.empty();
                }
                int word = Bits.getInt(src, ip);
                ip += 4;
                if (word == 0) {
                    break;
                }
                long skip = (word & ~RAW_BLOCK) + (blockChecksum ? 4L : 0L);
                if (skip > end - ip) {
                    return OptionalLong.empty();
                }
                ip += (int) skip;
            }
            ip += contentChecksum ? 4 : 0;
        }
        return ip == end && ip > srcOff ? OptionalLong.of(total) : OptionalLong.empty();
    }

    @Override
    protected OutputStream newCompressingStream(OutputStream out) {
        return new FrameOutputStream(out);
    }

    @Override
    protected InputStream newDecompressingStream(InputStream in) {
        return new FrameInputStream(name, in);
    }

    /** Writes one frame of 64 KiB independent blocks with a content checksum. */
    private final class FrameOutputStream extends EncodingOutputStream {
        private final int blockMax = blockMaxSize(STREAM_BLOCK_ID);
        private final byte[] scratch = new byte[4 + blockMax];
        private final XxHash32 content = new XxHash32(0);
        private final int[] table = Lz4Block.newTable();

        FrameOutputStream(OutputStream out) {
            super(Lz4FrameCodec.this.name, out, blockMaxSize(STREAM_BLOCK_ID));
        }

        @Override
        protected void writeHeader() throws IOException {
            byte[] h = new byte[7];
            Bits.putInt(h, 0, MAGIC);
            h[4] = (byte) (FLG_VERSION | FLG_INDEPENDENT | FLG_CONTENT_CHECKSUM);
            h[5] = (byte) (STREAM_BLOCK_ID << 4);
            h[6] = headerChecksum(h, 4, 2);
            out.write(h);
        }

        @Override
        protected void writeBlock(byte[] b, int off, int len) throws IOException {
            content.update(b, off, len);
            int n = Lz4FrameCodec.this.writeBlock(b, off, len, scratch, 0, scratch.length, table);
            out.write(scratch, 0, n);
        }

        @Override
        protected void writeTrailer() throws IOException {
            byte[] t = new byte[8];
            Bits.putInt(t, 4, content.digest());
            out.write(t);
        }
    }

    /** Reads concatenated LZ4 frames (and skippable frames) one block at a time. */
    private static final class FrameInputStream extends DecodingInputStream {
        private static final int HISTORY = 65536;
        private final byte[] header = new byte[16];
        private final XxHash32 content = new XxHash32(0);
        private byte[] input = new byte[0];
        private Descriptor frame;
        private long declared;
        private long produced;
        private int written;
        private boolean sawFrame;

        FrameInputStream(String codec, InputStream in) {
            super(codec, in);
        }

        @Override
        protected boolean refill() throws IOException {
            while (true) {
                if (frame == null && !startFrame()) {
                    return false;
                }
                if (frame == null) {
                    continue; // a skippable frame was skipped
                }
                readFully(header, 0, 4, "an LZ4 block header");
                int word = Bits.getInt(header, 0);
                if (word == 0) {
                    endFrame();
                    continue;
                }
                int size = word & ~RAW_BLOCK;
                if (size > frame.blockMax()) {
                    throw corrupt("LZ4 block of " + size + " bytes exceeds the frame's maximum of " + frame.blockMax());
                }
                int total = size + (frame.blockChecksum() ? 4 : 0);
                if (input.length < total) {
                    input = new byte[frame.blockMax() + 4];
                }
                readFully(input, 0, total, "an LZ4 block");
                if (frame.blockChecksum() && XxHash32.hash(input, 0, size, 0) != Bits.getInt(input, size)) {
                    throw corrupt("LZ4 block checksum mismatch");
                }
                int start = prepareWindow();
                int n;
                if (word < 0) {
                    System.arraycopy(input, 0, window, start, size);
                    n = size;
                } else {
                    int floor = frame.independent() ? start : 0;
                    n = Lz4Block.decompress(codec, input, 0, size, window, floor, start, start + frame.blockMax());
                    if (n == Lz4Block.OUTPUT_OVERFLOW) {
                        throw corrupt("LZ4 block decodes to more than the frame's maximum block size");
                    }
                }
                content.update(window, start, n);
                produced += n;
                if (frame.contentSize() && produced > declared) {
                    throw corrupt("LZ4 frame holds more than the " + declared + " bytes it declares");
                }
                pos = start;
                limit = start + n;
                written = limit;
                return true;
            }
        }

        /** Where the next block decodes to, keeping 64 KiB of history before it for linked blocks. */
        private int prepareWindow() {
            int need = frame.blockMax() + (frame.independent() ? 0 : HISTORY);
            if (window.length < need) {
                byte[] w = new byte[need];
                int keep = frame.independent() ? 0 : Math.min(written, HISTORY);
                System.arraycopy(window, written - keep, w, 0, keep);
                window = w;
                written = keep;
            }
            if (frame.independent()) {
                return 0;
            }
            if (written + frame.blockMax() > window.length) {
                int keep = Math.min(written, HISTORY);
                System.arraycopy(window, written - keep, window, 0, keep);
                written = keep;
            }
            return written;
        }

        private boolean startFrame() throws IOException {
            int got = readSome(header, 0, 4);
            if (got == 0) {
                if (!sawFrame) {
                    throw corrupt("empty input: an LZ4 frame holds at least a header");
                }
                return false;
            }
            sawFrame = true;
            if (got < 4) {
                throw truncated("an LZ4 frame magic number");
            }
            int magic = Bits.getInt(header, 0);
            if ((magic & SKIPPABLE_MASK) == SKIPPABLE_MAGIC) {
                readFully(header, 0, 4, "a skippable frame header");
                skipFully(Bits.getInt(header, 0) & 0xFFFFFFFFL, "a skippable frame");
                return true;
            }
            if (magic != MAGIC) {
                throw unknownMagic(codec, magic);
            }
            readFully(header, 0, 2, "an LZ4 frame header");
            Descriptor d = descriptor(codec, header[0] & 0xFF, header[1] & 0xFF);
            readFully(header, 2, d.headerLength() - 2, "an LZ4 frame header");
            if (headerChecksum(header, 0, d.headerLength() - 1) != header[d.headerLength() - 1]) {
                throw corrupt("LZ4 frame header checksum mismatch");
            }
            declared = d.contentSize() ? Bits.getLong(header, 2) : -1;
            if (d.contentSize() && declared < 0) {
                throw corrupt("negative LZ4 content size");
            }
            frame = d;
            produced = 0;
            written = 0;
            content.reset();
            return true;
        }

        private void endFrame() throws IOException {
            if (frame.contentChecksum()) {
                readFully(header, 0, 4, "an LZ4 content checksum");
                if (content.digest() != Bits.getInt(header, 0)) {
                    throw corrupt("LZ4 content checksum mismatch");
                }
            }
            if (frame.contentSize() && produced != declared) {
                throw corrupt("LZ4 frame declares " + declared + " bytes but holds " + produced);
            }
            frame = null;
        }
    }
}
