package dev.oxistore.compress.internal.snappy;

import dev.oxistore.compress.Codecs;
import dev.oxistore.compress.ParquetCodec;
import dev.oxistore.compress.internal.Args;
import dev.oxistore.compress.internal.RawBlockCodec;
import java.util.OptionalLong;

/** Codec {@code snappy}: raw Snappy (Parquet SNAPPY). Streams use {@code snappy-framed}. */
public final class SnappyCodec extends RawBlockCodec {

    public SnappyCodec() {
        super("snappy", ParquetCodec.SNAPPY, SnappyRaw::newTable, Codecs::snappyFramed);
    }

    @Override
    protected long maxCompressedLength(long n) {
        return SnappyRaw.maxCompressedLength(n);
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int[] table = tables.acquire();
        try {
            if (dstLen >= SnappyRaw.maxCompressedLength(srcLen)) {
                return SnappyRaw.compress(src, srcOff, srcLen, dst, dstOff, table);
            }
            // The compressor writes without bounds checks, so a short destination gets a copy.
            byte[] tmp = new byte[(int) SnappyRaw.maxCompressedLength(srcLen)];
            int n = SnappyRaw.compress(src, srcOff, srcLen, tmp, 0, table);
            if (n > dstLen) {
                throw Args.tooSmall(name, dstLen);
            }
            System.arraycopy(tmp, 0, dst, dstOff, n);
            return n;
        } finally {
            tables.release(table);
        }
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        return SnappyRaw.decompress(name, src, srcOff, srcLen, dst, dstOff, dstLen);
    }

    @Override
    protected OptionalLong doDecompressedLength(byte[] src, int srcOff, int srcLen) {
        long n = SnappyRaw.declaredLength(src, srcOff, srcLen);
        return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }
}
