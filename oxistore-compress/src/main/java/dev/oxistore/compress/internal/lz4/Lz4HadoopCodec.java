package dev.oxistore.compress.internal.lz4;

import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.OutputTooSmallException;
import dev.oxistore.compress.ParquetCodec;
import dev.oxistore.compress.UnsupportedFeatureException;
import dev.oxistore.compress.internal.AbstractCodec;
import dev.oxistore.compress.internal.Args;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.DecodingInputStream;
import dev.oxistore.compress.internal.EncodingOutputStream;
import dev.oxistore.compress.internal.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Codec {@code lz4-hadoop}: Hadoop's {@code Lz4Codec} framing, which Parquet's deprecated LZ4 codec
 * (id 5) uses.
 *
 * <pre>
 * chunk = uncompressed length (BE32), piece+      where the pieces decode to exactly that length
 * piece = compressed length (BE32), one LZ4 block
 * </pre>
 *
 * <p>Hadoop splits a large write into several pieces under one chunk length; Arrow writes one piece
 * per chunk, also for an empty chunk. Both decode. Empty content is zero bytes, as Hadoop writes it
 * (the one exception, with {@code none}, to "empty input is corrupt"). Written chunks hold at most 128 KiB so any Hadoop
 * reader's buffer takes them. Like Arrow, the one-shot decoder falls back to reading the whole input
 * as a bare LZ4 block when it is not valid Hadoop framing, because older Parquet writers stored bare
 * blocks under this id; the stream decoder reads Hadoop framing only.
 */
public final class Lz4HadoopCodec extends AbstractCodec {

    static final int CHUNK = 128 * 1024;
    /** The most one piece may decode to in the stream decoder. */
    static final int MAX_PIECE = 16 << 20;

    private final Pool<int[]> tables = new Pool<>(Lz4Block::newTable);

    public Lz4HadoopCodec() {
        super("lz4-hadoop", ParquetCodec.LZ4);
    }

    @Override
    protected long maxCompressedLength(long n) {
        long chunks = (n + CHUNK - 1) / CHUNK;
        return n + n / 255 + chunks * (8 + 16);
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int[] table = tables.acquire();
        try {
            int op = dstOff;
            for (int p = srcOff, end = srcOff + srcLen; p < end; p += CHUNK) {
                op = writeChunk(src, p, Math.min(CHUNK, end - p), dst, op, dstOff + dstLen, table);
            }
            return op - dstOff;
        } finally {
            tables.release(table);
        }
    }

    private int writeChunk(byte[] src, int off, int len, byte[] dst, int op, int dstEnd, int[] table) {
        if (dstEnd - op < 8) {
            throw Args.tooSmall(name, dstEnd - op);
        }
        int n = Lz4Block.compress(src, off, len, dst, op + 8, dstEnd - op - 8, table);
        if (n < 0) {
            throw Args.tooSmall(name, dstEnd - op);
        }
        Bits.putIntBE(dst, op, len);
        Bits.putIntBE(dst, op + 4, n);
        return op + 8 + n;
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        if (srcLen == 0) {
            return 0; // Hadoop writes nothing at all for empty content
        }
        try {
            return decodeHadoop(src, srcOff, srcLen, dst, dstOff, dstLen);
        } catch (CorruptInputException | OutputTooSmallException hadoop) {
            int n;
            try {
                n = Lz4Block.decompress(name, src, srcOff, srcLen, dst, dstOff, dstOff, dstOff + dstLen);
            } catch (CorruptInputException bare) {
                throw hadoop; // neither reading works; report the framing error
            }
            if (n == Lz4Block.OUTPUT_OVERFLOW) {
                throw hadoop;
            }
            return n;
        }
    }

    private int decodeHadoop(byte[] src, int ip, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int end = ip + srcLen;
        int op = dstOff;
        int oEnd = dstOff + dstLen;
        while (ip < end) {
            if (end - ip < 8) {
                throw Args.corrupt(name, "truncated Hadoop LZ4 chunk header");
            }
            int raw = Bits.getIntBE(src, ip);
            ip += 4;
            if (raw < 0) {
                throw Args.corrupt(name, "negative Hadoop LZ4 chunk length");
            }
            if (raw > oEnd - op) {
                throw Args.tooSmall(name, dstLen);
            }
            int chunkEnd = op + raw;
            do {
                if (end - ip < 4) {
                    throw Args.corrupt(name, "truncated Hadoop LZ4 piece header");
                }
                int size = Bits.getIntBE(src, ip);
                ip += 4;
                if (size <= 0 || size > end - ip) {
                    throw Args.corrupt(name, "Hadoop LZ4 piece length " + size + " is outside the input");
                }
                int n = Lz4Block.decompress(name, src, ip, size, dst, op, op, chunkEnd);
                if (n == Lz4Block.OUTPUT_OVERFLOW || (n == 0 && raw > 0)) {
                    throw Args.corrupt(name, "Hadoop LZ4 piece does not fit its chunk length");
                }
                ip += size;
                op += n;
            } while (op < chunkEnd);
        }
        return op - dstOff;
    }

    @Override
    protected OutputStream newCompressingStream(OutputStream out) {
        return new EncodingOutputStream(name, out, CHUNK) {
            private final byte[] scratch = new byte[maxCompressedLength(CHUNK)];
            private final int[] table = Lz4Block.newTable();

            @Override
            protected void writeHeader() {
            }

            @Override
            protected void writeBlock(byte[] b, int off, int len) throws IOException {
                out.write(scratch, 0, writeChunk(b, off, len, scratch, 0, scratch.length, table));
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
            private byte[] input = new byte[0];
            private int chunkLeft = -1;

            @Override
            protected boolean refill() throws IOException {
                if (chunkLeft <= 0) {
                    int got = readSome(header, 0, 4);
                    if (got == 0) {
                        return false;
                    }
                    if (got < 4) {
                        throw truncated("a Hadoop LZ4 chunk header");
                    }
                    chunkLeft = Bits.getIntBE(header, 0);
                    if (chunkLeft < 0) {
                        throw corrupt("negative Hadoop LZ4 chunk length");
                    }
                    if (chunkLeft == 0) {
                        readPiece(); // Arrow writes an empty block for an empty chunk
                        return true;
                    }
                }
                readPiece();
                return true;
            }

            private void readPiece() throws IOException {
                readFully(header, 0, 4, "a Hadoop LZ4 piece header");
                int size = Bits.getIntBE(header, 0);
                // An LZ4 block expands at most 255-fold, which bounds the buffer before the header
                // of a hostile input can make us allocate gigabytes.
                if (size <= 0 || size > Lz4Block.maxCompressedLength(MAX_PIECE)) {
                    throw corrupt("Hadoop LZ4 piece length " + size + " is out of range");
                }
                int room = (int) Math.min(Math.min(chunkLeft, MAX_PIECE), 255L * size + 16);
                if (window.length < room) {
                    window = new byte[room];
                }
                if (input.length < size) {
                    input = new byte[size];
                }
                readFully(input, 0, size, "a Hadoop LZ4 piece");
                int n = Lz4Block.decompress(codec, input, 0, size, window, 0, 0, room);
                if (n == Lz4Block.OUTPUT_OVERFLOW && room == MAX_PIECE) {
                    throw new UnsupportedFeatureException(codec, "a Hadoop LZ4 piece decodes to more than the"
                            + " stream decoder's 16 MiB buffer; decompress it in one call instead");
                }
                if (n == Lz4Block.OUTPUT_OVERFLOW || (n == 0 && room > 0)) {
                    throw corrupt("Hadoop LZ4 piece does not fit its chunk length");
                }
                chunkLeft -= n;
                pos = 0;
                limit = n;
            }
        };
    }

    @Override
    protected boolean decodesWholeInputByStream() {
        return false;
    }
}
