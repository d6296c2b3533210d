package dev.oxistore.compress.internal.deflate;

import dev.oxistore.compress.CodecArgumentException;
import dev.oxistore.compress.CorruptInputException;
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
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Codecs {@code deflate} (zlib, RFC 1950) and {@code gzip} (RFC 1952, Parquet GZIP) on the JDK's
 * zlib. The Deflate bit stream is the JDK's; the wrappers are parsed here so that errors are exact:
 *
 * <pre>
 * gzip member = 1F 8B 08 FLG MTIME(4) XFL OS [XLEN(LE16) extra] [name 0] [comment 0] [HCRC(LE16)]
 *               raw deflate, CRC32 (LE32), ISIZE = length mod 2^32 (LE32)
 * </pre>
 *
 * <p>A GZIP input may hold several members, decoded in turn; bytes after the last member, a zlib
 * stream followed by anything, reserved flag bits, or a wrong CRC or length are corrupt input. A zlib
 * stream that needs a preset dictionary raises {@link UnsupportedFeatureException}.
 */
public final class DeflateCodec extends AbstractCodec {

    /** The container around the Deflate stream. */
    public enum Wrapper { ZLIB, GZIP }

    public static final int DEFAULT_LEVEL = 6;
    private static final int GZIP_HEADER = 10;
    private static final int GZIP_TRAILER = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Wrapper wrapper;
    private final int level;
    private final Pool<Deflater> deflaters;
    private final Pool<Inflater> inflaters;

    public DeflateCodec(Wrapper wrapper, int level) {
        super(wrapper == Wrapper.GZIP ? "gzip" : "deflate", wrapper == Wrapper.GZIP ? ParquetCodec.GZIP : null);
        if (level < 0 || level > 9) {
            throw new CodecArgumentException(name, "level must be 0 (store) to 9 (smallest), was " + level);
        }
        this.wrapper = wrapper;
        this.level = level;
        boolean raw = wrapper == Wrapper.GZIP;
        this.deflaters = new Pool<>(() -> new Deflater(level, raw));
        this.inflaters = new Pool<>(() -> new Inflater(raw));
    }

    /** The compression level, 0 to 9. */
    public int level() {
        return level;
    }

    @Override
    public String toString() {
        return level == DEFAULT_LEVEL ? name : name + "(level " + level + ")";
    }

    @Override
    protected long maxCompressedLength(long n) {
        // zlib's compressBound plus the GZIP header and trailer, with slack for stored blocks.
        return n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + GZIP_HEADER + GZIP_TRAILER + 16;
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        int op = dstOff;
        int end = dstOff + dstLen;
        boolean gzip = wrapper == Wrapper.GZIP;
        if (gzip) {
            if (dstLen < GZIP_HEADER + GZIP_TRAILER) {
                throw Args.tooSmall(name, dstLen);
            }
            writeGzipHeader(dst, op);
            op += GZIP_HEADER;
            end -= GZIP_TRAILER;
        }
        Deflater d = deflaters.acquire();
        try {
            d.reset();
            d.setInput(src, srcOff, srcLen);
            d.finish();
            while (!d.finished()) {
                int n = d.deflate(dst, op, end - op);
                op += n;
                if (n == 0 && op == end) {
                    throw Args.tooSmall(name, dstLen);
                }
            }
        } finally {
            d.reset();
            deflaters.release(d);
        }
        if (gzip) {
            CRC32 crc = new CRC32();
            crc.update(src, srcOff, srcLen);
            Bits.putInt(dst, op, (int) crc.getValue());
            Bits.putInt(dst, op + 4, srcLen);
            op += GZIP_TRAILER;
        }
        return op - dstOff;
    }

    private static void writeGzipHeader(byte[] b, int at) {
        b[at] = 0x1F;
        b[at + 1] = (byte) 0x8B;
        b[at + 2] = 8;
        java.util.Arrays.fill(b, at + 3, at + 9, (byte) 0); // FLG, MTIME (none), XFL
        b[at + 9] = (byte) 0xFF; // OS unknown
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        if (srcLen == 0) {
            throw Args.corrupt(name, "empty input: a " + (wrapper == Wrapper.GZIP ? "GZIP member" : "zlib stream")
                    + " holds at least a header");
        }
        Inflater inf = inflaters.acquire();
        try {
            int ip = srcOff;
            int end = srcOff + srcLen;
            int op = dstOff;
            int oEnd = dstOff + dstLen;
            do {
                if (wrapper == Wrapper.GZIP) {
                    ip = parseGzipHeader(src, ip, end);
                }
                inf.reset();
                inf.setInput(src, ip, end - ip);
                int start = op;
                op = inflate(inf, dst, op, oEnd);
                ip = end - inf.getRemaining();
                if (wrapper == Wrapper.GZIP) {
                    if (end - ip < GZIP_TRAILER) {
                        throw Args.corrupt(name, "truncated GZIP trailer");
                    }
                    CRC32 crc = new CRC32();
                    crc.update(dst, start, op - start);
                    if ((int) crc.getValue() != Bits.getInt(src, ip) || op - start != Bits.getInt(src, ip + 4)) {
                        throw Args.corrupt(name, "GZIP member CRC32 or length mismatch");
                    }
                    ip += GZIP_TRAILER;
                } else if (ip != end) {
                    throw Args.corrupt(name, (end - ip) + " trailing bytes after the zlib stream");
                }
            } while (ip < end);
            return op - dstOff;
        } finally {
            inf.reset();
            inflaters.release(inf);
        }
    }

    /** Inflates until the Deflate stream ends; returns the new output position. */
    private int inflate(Inflater inf, byte[] dst, int op, int oEnd) {
        try {
            while (!inf.finished()) {
                long read = inf.getBytesRead();
                int n = inf.inflate(dst, op, oEnd - op);
                op += n;
                if (n > 0 || inf.finished() || (inf.getBytesRead() > read && op < oEnd)) {
                    continue;
                }
                if (inf.needsDictionary()) {
                    throw new UnsupportedFeatureException(name, "the zlib stream needs a preset dictionary;"
                            + " preset dictionaries are not supported");
                }
                if (op == oEnd) {
                    // The destination is full: the stream is either at its end or holds more output.
                    if (inf.inflate(new byte[1]) > 0) {
                        throw Args.tooSmall(name, oEnd - op);
                    }
                    if (inf.finished()) {
                        continue;
                    }
                }
                if (inf.needsInput()) {
                    throw Args.corrupt(name, "truncated Deflate stream");
                }
                throw Args.corrupt(name, "the Deflate stream makes no progress");
            }
            return op;
        } catch (DataFormatException e) {
            throw new CorruptInputException(name, "invalid Deflate data: " + e.getMessage(), e);
        }
    }

    /** Checks a GZIP member header at {@code ip} and returns where its Deflate data starts. */
    private int parseGzipHeader(byte[] src, int ip, int end) {
        int start = ip;
        if (end - ip < GZIP_HEADER) {
            throw Args.corrupt(name, "truncated GZIP header");
        }
        if ((src[ip] & 0xFF) != 0x1F || (src[ip + 1] & 0xFF) != 0x8B) {
            throw Args.corrupt(name, "not a GZIP member: bad magic bytes");
        }
        if (src[ip + 2] != 8) {
            throw Args.corrupt(name, "unknown GZIP compression method " + (src[ip + 2] & 0xFF) + " (only 8, Deflate)");
        }
        int flg = src[ip + 3] & 0xFF;
        if ((flg & 0xE0) != 0) {
            throw Args.corrupt(name, "reserved GZIP flag bits set");
        }
        ip += GZIP_HEADER;
        if ((flg & FEXTRA) != 0) {
            if (end - ip < 2) {
                throw Args.corrupt(name, "truncated GZIP extra field");
            }
            int xlen = Bits.getShort(src, ip);
            if (end - ip - 2 < xlen) {
                throw Args.corrupt(name, "truncated GZIP extra field");
            }
            ip += 2 + xlen;
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flg & field) != 0) {
                while (ip < end && src[ip] != 0) {
                    ip++;
                }
                if (ip == end) {
                    throw Args.corrupt(name, "truncated GZIP name or comment");
                }
                ip++;
            }
        }
        if ((flg & FHCRC) != 0) {
            if (end - ip < 2) {
                throw Args.corrupt(name, "truncated GZIP header CRC");
            }
            CRC32 crc = new CRC32();
            crc.update(src, start, ip - start);
            if (((int) crc.getValue() & 0xFFFF) != Bits.getShort(src, ip)) {
                throw Args.corrupt(name, "GZIP header CRC mismatch");
            }
            ip += 2;
        }
        return ip;
    }

    @Override
    protected OutputStream newCompressingStream(OutputStream out) {
        return new EncodingOutputStream(name, out, 1 << 16) {
            private final Deflater d = new Deflater(level, wrapper == Wrapper.GZIP);
            private final CRC32 crc = new CRC32();
            private final byte[] buf = new byte[1 << 16];
            private long length;

            @Override
            protected void writeHeader() throws IOException {
                if (wrapper == Wrapper.GZIP) {
                    byte[] h = new byte[GZIP_HEADER];
                    writeGzipHeader(h, 0);
                    out.write(h);
                }
            }

            @Override
            protected void writeBlock(byte[] b, int off, int len) throws IOException {
                crc.update(b, off, len);
                length += len;
                d.setInput(b, off, len);
                while (!d.needsInput()) {
                    out.write(buf, 0, d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
                }
            }

            @Override
            protected void flushEncoder() throws IOException {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length);
            }

            @Override
            protected void writeTrailer() throws IOException {
                try {
                    d.finish();
                    while (!d.finished()) {
                        out.write(buf, 0, d.deflate(buf));
                    }
                    if (wrapper == Wrapper.GZIP) {
                        byte[] t = new byte[GZIP_TRAILER];
                        Bits.putInt(t, 0, (int) crc.getValue());
                        Bits.putInt(t, 4, (int) length);
                        out.write(t);
                    }
                } finally {
                    d.end();
                }
            }
        };
    }

    @Override
    protected InputStream newDecompressingStream(InputStream in) {
        return new InflatingStream(in);
    }

    /** Reads a zlib stream or a sequence of GZIP members through one Inflater. */
    private final class InflatingStream extends DecodingInputStream {
        private final Inflater inf = new Inflater(wrapper == Wrapper.GZIP);
        private final CRC32 crc = new CRC32();
        private final byte[] input = new byte[1 << 16];
        private int inPos;
        private int inLimit;
        private boolean inMember;
        private boolean sawMember;
        private long memberLength;

        InflatingStream(InputStream in) {
            super(DeflateCodec.this.name, in);
            window = new byte[1 << 16];
        }

        private boolean fillInput() throws IOException {
            int n = in.read(input, 0, input.length);
            while (n == 0) {
                n = in.read(input, 0, input.length);
            }
            if (n < 0) {
                return false;
            }
            inPos = 0;
            inLimit = n;
            return true;
        }

        private int readByte(String what) throws IOException {
            if (inPos == inLimit && !fillInput()) {
                throw truncated(what);
            }
            return input[inPos++] & 0xFF;
        }

        private boolean atEnd() throws IOException {
            return inPos == inLimit && !fillInput();
        }

        @Override
        protected boolean refill() throws IOException {
            while (true) {
                if (!inMember) {
                    if (atEnd()) {
                        if (!sawMember) {
                            throw corrupt("empty input: a " + (wrapper == Wrapper.GZIP ? "GZIP member" : "zlib stream")
                                    + " holds at least a header");
                        }
                        return false;
                    }
                    if (sawMember && wrapper == Wrapper.ZLIB) {
                        throw corrupt("trailing bytes after the zlib stream");
                    }
                    if (wrapper == Wrapper.GZIP) {
                        readGzipHeader();
                    }
                    inf.reset();
                    crc.reset();
                    memberLength = 0;
                    inMember = true;
                    sawMember = true;
                }
                // An inflater that has all its input may still need calls to finish, so the end of
                // the source is only an error once inflating stops making progress.
                boolean sourceDone = false;
                if (inf.needsInput()) {
                    if (atEnd()) {
                        sourceDone = true;
                    } else {
                        inf.setInput(input, inPos, inLimit - inPos);
                        inPos = inLimit;
                    }
                }
                int n;
                long read = inf.getBytesRead();
                try {
                    n = inf.inflate(window, 0, window.length);
                } catch (DataFormatException e) {
                    throw new CorruptInputException(codec, "invalid Deflate data: " + e.getMessage(), e);
                }
                if (n > 0) {
                    crc.update(window, 0, n);
                    memberLength += n;
                    pos = 0;
                    limit = n;
                    return true;
                }
                if (inf.needsDictionary()) {
                    throw new UnsupportedFeatureException(codec, "the zlib stream needs a preset dictionary;"
                            + " preset dictionaries are not supported");
                }
                if (inf.finished()) {
                    inPos = inLimit - inf.getRemaining();
                    inMember = false;
                    if (wrapper == Wrapper.GZIP) {
                        byte[] t = new byte[GZIP_TRAILER];
                        for (int i = 0; i < t.length; i++) {
                            t[i] = (byte) readByte("a GZIP trailer");
                        }
                        if ((int) crc.getValue() != Bits.getInt(t, 0) || (int) memberLength != Bits.getInt(t, 4)) {
                            throw corrupt("GZIP member CRC32 or length mismatch");
                        }
                    }
                } else if (sourceDone) {
                    throw truncated("a Deflate stream");
                } else if (!inf.needsInput() && inf.getBytesRead() == read) {
                    throw corrupt("the Deflate stream makes no progress");
                }
            }
        }

        private void readGzipHeader() throws IOException {
            CRC32 h = new CRC32();
            byte[] fixed = new byte[GZIP_HEADER];
            for (int i = 0; i < GZIP_HEADER; i++) {
                fixed[i] = (byte) readByte("a GZIP header");
            }
            h.update(fixed);
            if ((fixed[0] & 0xFF) != 0x1F || (fixed[1] & 0xFF) != 0x8B) {
                throw corrupt("not a GZIP member: bad magic bytes");
            }
            if (fixed[2] != 8) {
                throw corrupt("unknown GZIP compression method " + (fixed[2] & 0xFF) + " (only 8, Deflate)");
            }
            int flg = fixed[3] & 0xFF;
            if ((flg & 0xE0) != 0) {
                throw corrupt("reserved GZIP flag bits set");
            }
            if ((flg & FEXTRA) != 0) {
                int lo = readByte("a GZIP extra field");
                int hi = readByte("a GZIP extra field");
                h.update(lo);
                h.update(hi);
                for (int i = 0, n = lo | hi << 8; i < n; i++) {
                    h.update(readByte("a GZIP extra field"));
                }
            }
            for (int field : new int[] {FNAME, FCOMMENT}) {
                if ((flg & field) != 0) {
                    int c;
                    do {
                        c = readByte("a GZIP name or comment");
                        h.update(c);
                    } while (c != 0);
                }
            }
            if ((flg & FHCRC) != 0) {
                int v = readByte("a GZIP header CRC") | readByte("a GZIP header CRC") << 8;
                if (v != ((int) h.getValue() & 0xFFFF)) {
                    throw corrupt("GZIP header CRC mismatch");
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }
}
