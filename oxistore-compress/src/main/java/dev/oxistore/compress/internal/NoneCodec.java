package dev.oxistore.compress.internal;

import dev.oxistore.compress.ParquetCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;

/** The identity codec ({@code none}, Parquet UNCOMPRESSED): output equals input. */
public final class NoneCodec extends AbstractCodec {

    public NoneCodec() {
        super("none", ParquetCodec.UNCOMPRESSED);
    }

    @Override
    protected long maxCompressedLength(long n) {
        return n;
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        return copy(src, srcOff, srcLen, dst, dstOff, dstLen);
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        return copy(src, srcOff, srcLen, dst, dstOff, dstLen);
    }

    private int copy(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        if (srcLen > dstLen) {
            throw Args.tooSmall(name, dstLen);
        }
        System.arraycopy(src, srcOff, dst, dstOff, srcLen);
        return srcLen;
    }

    @Override
    protected OptionalLong doDecompressedLength(byte[] src, int srcOff, int srcLen) {
        return OptionalLong.of(srcLen);
    }

    @Override
    protected OutputStream newCompressingStream(OutputStream out) {
        return new EncodingOutputStream(name, out, 1 << 16) {
            @Override
            protected void writeHeader() {
            }

            @Override
            protected void writeBlock(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            protected void writeTrailer() {
            }
        };
    }

    @Override
    protected InputStream newDecompressingStream(InputStream in) {
        return new DecodingInputStream(name, in) {
            {
                window = new byte[1 << 16];
            }

            @Override
            protected boolean refill() throws IOException {
                int n = in.read(window, 0, window.length);
                pos = 0;
                limit = Math.max(n, 0);
                return n >= 0;
            }
        };
    }
}
