package dev.oxistore.compress.internal.lz4;

import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.ParquetCodec;
import dev.oxistore.compress.internal.Args;
import dev.oxistore.compress.internal.RawBlockCodec;

/**
 * Codec {@code lz4}: one LZ4 block with no header (Parquet LZ4_RAW). The format records no length,
 * so the caller must know the uncompressed size or bound it. Streams use {@code lz4-frame}.
 */
public final class Lz4BlockCodec extends RawBlockCodec {

    public Lz4BlockCodec() {
        super("lz4", ParquetCodec.LZ4_RAW, Lz4Block::newTable, Codecs::lz4Frame);
    }

    @Override
    protected long maxCompressedLength(long n) {
        return Lz4Block.maxCompressedLength(n);
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int[] table = tables.acquire();
        try {
            int n = Lz4Block.compress(src, srcOff, srcLen, dst, dstOff, dstLen, table);
            if (n < 0) {
                throw Args.tooSmall(name, dstLen);
            }
            return n;
        } finally {
            tables.release(table);
        }
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int n = Lz4Block.decompress(name, src, srcOff, srcLen, dst, dstOff, dstOff, dstOff + dstLen);
        if (n == Lz4Block.OUTPUT_OVERFLOW) {
            throw Args.tooSmall(name, dstLen);
        }
        return n;
    }
}
