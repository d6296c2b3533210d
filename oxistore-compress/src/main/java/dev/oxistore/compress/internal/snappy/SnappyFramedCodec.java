package dev.oxistore.compress.internal.snappy;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.internal.AbstractCodec;
import dev.oxistore.compress.internal.Args;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.DecodingInputStream;
import dev.oxistore.compress.internal.EncodingOutputStream;
import dev.oxistore.compress.internal.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Codec {@code snappy-framed}: the Snappy framing format (framing_format.txt).
 *
 * <pre>
 * stream = stream identifier, chunk*
 * chunk  = type (1 byte), length (LE24), data
 *   0xFF stream identifier: "sNaPpY" (length 6); may repeat
 *   0x00 compressed:   masked CRC32C (LE32) of the uncompressed data, raw Snappy of at most 64 KiB
 *   0x01 uncompressed: masked CRC32C (LE32), at most 64 KiB of data
 *   0x02-0x7F reserved, unskippable (corrupt); 0x80-0xFD reserved, skipped; 0xFE padding, skipped
 * mask(crc) = ((crc >>> 15) | (crc << 17)) + 0xA282EAD8
 * </pre>
 *
 * <p>Chunks are written compressed when that saves at least 1/8 of their size (snappy-java's rule),
 * else stored.
 */
public final class SnappyFramedCodec extends AbstractCodec {

    static final int MAX_CHUNK = 65536;
    private static final byte[] STREAM_ID = {(byte) 0xFF, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'};
    private static final int COMPRESSED = 0x00;
    private static final int UNCOMPRESSED = 0x01;
    private static final int PADDING = 0xFE;
    private static final int IDENTIFIER = 0xFF;
    private static final int CHUNK_BOUND = (int) SnappyRaw.maxCompressedLength(MAX_CHUNK);

    private final Pool<int[]> tables = new Pool<>(SnappyRaw::newTable);
    private final Pool<byte[]> scratches = new Pool<>(() -> new byte[8 + CHUNK_BOUND]);

    public SnappyFramedCodec() {
        super("snappy-framed", null);
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xA282EAD8;
    }

    static int checksum(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return mask((int) crc.getValue());
    }

    @Override
    protected long maxCompressedLength(long n) {
        return STREAM_ID.length + n + 8 * ((n + MAX_CHUNK - 1) / MAX_CHUNK);
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int dstEnd = dstOff + dstLen;
        if (dstLen < STREAM_ID.length) {
            throw Args.tooSmall(name, dstLen);
        }
        System.arraycopy(STREAM_ID, 0, dst, dstOff, STREAM_ID.length);
        int op = dstOff + STREAM_ID.length;
        int[] table = tables.acquire();
        byte[] scratch = scratches.acquire();
        try {
            for (int p = srcOff, end = srcOff + srcLen; p < end; p += MAX_CHUNK) {
                op = writeChunk(src, p, Math.min(MAX_CHUNK, end - p), dst, op, dstEnd, table, scratch);
            }
        } finally {
            scratches.release(scratch);
            tables.release(table);
        }
        return op - dstOff;
    }

    /** Writes one chunk at {@code op}, compressing through {@code scratch} when room is short. */
    private int writeChunk(byte[] src, int off, int len, byte[] dst, int op, int dstEnd, int[] table, byte[] scratch) {
        int crc = checksum(src, off, len);
        boolean inPlace = dstEnd - op >= 8 + SnappyRaw.maxCompressedLength(len);
        byte[] target = inPlace ? dst : scratch;
        int at = inPlace ? op : 0;
        int n = SnappyRaw.compress(src, off, len, target, at + 8, table);
        if (n <= len - len / 8) {
            if (dstEnd - op < 8 + n) {
                throw Args.tooSmall(name, dstEnd - op);
            }
            if (!inPlace) {
                System.arraycopy(scratch, 8, dst, op + 8, n);
            }
            Bits.putInt(dst, op, COMPRESSED | (4 + n) << 8);
            Bits.putInt(dst, op + 4, crc);
            return op + 8 + n;
        }
        if (dstEnd - op < 8 + len) {
            throw Args.tooSmall(name, dstEnd - op);
        }
        Bits.putInt(dst, op, UNCOMPRESSED | (4 + len) << 8);
        Bits.putInt(dst, op + 4, crc);
        System.arraycopy(src, off, dst, op + 8, len);
        return op + 8 + len;
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        if (srcLen == 0) {
            throw Args.corrupt(name, "empty input: a Snappy stream starts with its stream identifier");
        }
        int ip = srcOff;
        int end = srcOff + srcLen;
        int op = dstOff;
        int oEnd = dstOff + dstLen;
        boolean started = false;
        while (ip < end) {
            if (end - ip < 4) {
                throw Args.corrupt(name, "truncated Snappy chunk header");
            }
            int type = src[ip] & 0xFF;
            int len = Bits.get24(src, ip + 1);
            ip += 4;
            if (len > end - ip) {
                throw Args.corrupt(name, "truncated Snappy chunk of " + len + " bytes");
            }
            if (!started && type != IDENTIFIER) {
                throw Args.corrupt(name, "missing Snappy stream identifier at the start");
            }
            switch (type) {
                case IDENTIFIER -> checkIdentifier(name, src, ip, len);
                case COMPRESSED, UNCOMPRESSED -> {
                    if (len < 4) {
                        throw Args.corrupt(name, "Snappy chunk too short for its checksum");
                    }
                    int n = decodeChunk(name, type, src, ip + 4, len - 4, dst, op, oEnd);
                    if (checksum(dst, op, n) != Bits.getInt(src, ip)) {
                        throw Args.corrupt(name, "Snappy chunk checksum mismatch");
                    }
                    op += n;
                }
                default -> checkSkippable(name, type);
            }
            started = true;
            ip += len;
        }
        return op - dstOff;
    }

    static void checkIdentifier(String codec, byte[] b, int off, int len) {
        if (len != 6 || !java.util.Arrays.equals(b, off, off + 6, STREAM_ID, 4, 10)) {
            throw new CorruptInputException(codec, "invalid Snappy stream identifier");
        }
    }

    static void checkSkippable(String codec, int type) {
        if (type < 0x80) {
            throw new CorruptInputException(codec, String.format(
                    "reserved unskippable Snappy chunk type 0x%02X", type));
        }
    }

    /** Decodes a data chunk's payload into {@code dst} at {@code op}, at most 64 KiB. */
    static int decodeChunk(String codec, int type, byte[] src, int off, int len, byte[] dst, int op, int oEnd) {
        if (type == UNCOMPRESSED) {
            if (len > MAX_CHUNK) {
                throw new CorruptInputException(codec, "uncompressed Snappy chunk of " + len + " bytes exceeds 65536");
            }
            if (len > oEnd - op) {
                throw Args.tooSmall(codec, oEnd - op);
            }
            System.arraycopy(src, off, dst, op, len);
            return len;
        }
        long declared = SnappyRaw.declaredLength(src, off, len);
        if (declared > MAX_CHUNK) {
            throw new CorruptInputException(codec, "compressed Snappy chunk declares " + declared + " bytes; the maximum is 65536");
        }
        return SnappyRaw.decompress(codec, src, off, len, dst, op, oEnd - op);
    }

    @Override
    protected OutputStream newCompressingStream(OutputStream out) {
        return new EncodingOutputStream(name, out, MAX_CHUNK) {
            private final byte[] scratch = new byte[8 + CHUNK_BOUND];
            private final int[] table = SnappyRaw.newTable();

            @Override
            protected void writeHeader() throws IOException {
                out.write(STREAM_ID);
            }

            @Override
            protected void writeBlock(byte[] b, int off, int len) throws IOException {
                out.write(scratch, 0, writeChunk(b, off, len, scratch, 0, scratch.length, table, scratch));
            }

            @Override
            protected void writeTrailer() {
            }
        };
    }

    @Override
    protected InputStream newDecompressingStream(InputStream in) {
        return new DecodingInputStream(name, in) {
            private final byte[] header = new byte[4];
            private final byte[] input = new byte[4 + CHUNK_BOUND];
            private boolean started;

            {
                window = new byte[MAX_CHUNK];
            }

            @Override
            protected boolean refill() throws IOException {
                while (true) {
                    int got = readSome(header, 0, 4);
                    if (got == 0) {
                        if (!started) {
                            throw corrupt("empty input: a Snappy stream starts with its stream identifier");
                        }
                        return false;
                    }
                    if (got < 4) {
                        throw truncated("a Snappy chunk header");
                    }
                    int type = header[0] & 0xFF;
                    int len = Bits.get24(header, 1);
                    if (!started && type != IDENTIFIER) {
                        throw corrupt("missing Snappy stream identifier at the start");
                    }
                    started = true;
                    if (type != COMPRESSED && type != UNCOMPRESSED && type != IDENTIFIER) {
                        checkSkippable(codec, type);
                        skipFully(len, "a skippable Snappy chunk");
                        continue;
                    }
                    if (len > input.length) {
                        throw corrupt("Snappy chunk of " + len + " bytes is larger than any valid chunk");
                    }
                    readFully(input, 0, len, "a Snappy chunk");
                    if (type == IDENTIFIER) {
                        checkIdentifier(codec, input, 0, len);
                        continue;
                    }
                    if (len < 4) {
                        throw corrupt("Snappy chunk too short for its checksum");
                    }
                    int n = decodeChunk(codec, type, input, 4, len - 4, window, 0, MAX_CHUNK);
                    if (checksum(window, 0, n) != Bits.getInt(input, 0)) {
                        throw corrupt("Snappy chunk checksum mismatch");
                    }
                    pos = 0;
                    limit = n;
                    return true;
                }
            }
        };
    }
}
