package dev.oxistore.compress.internal;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.CodecArgumentException;
import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.ParquetCodec;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The base of every codec: checks arguments once, bridges {@link MemorySegment}s to arrays, and
 * leaves the format to {@code doCompress} and {@code doDecompress}, which may assume valid ranges.
 */
public abstract class AbstractCodec implements Codec {

    /** The largest array the JVM reliably allocates; bounds {@link #maxCompressedLength}. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    protected final String name;
    private final Optional<ParquetCodec> parquet;

    protected AbstractCodec(String name, ParquetCodec parquet) {
        this.name = name;
        this.parquet = Optional.ofNullable(parquet);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Optional<ParquetCodec> parquetCodec() {
        return parquet;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The worst-case compressed size of {@code n} bytes, as a long so it cannot overflow. */
    protected abstract long maxCompressedLength(long n);

    /** Compresses a checked range; throws {@code OutputTooSmallException} if dst is too small. */
    protected abstract int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen);

    /** Decompresses a checked range. */
    protected abstract int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen);

    /** The declared uncompressed length of a checked range; empty unless the format records it. */
    protected OptionalLong doDecompressedLength(byte[] src, int srcOff, int srcLen) {
        return OptionalLong.empty();
    }

    protected abstract OutputStream newCompressingStream(OutputStream out);

    protected abstract InputStream newDecompressingStream(InputStream in);

    @Override
    public final int maxCompressedLength(int uncompressedLength) {
        if (uncompressedLength < 0) {
            throw new CodecArgumentException(name, "uncompressedLength must be >= 0, was " + uncompressedLength);
        }
        long bound = maxCompressedLength((long) uncompressedLength);
        if (bound > MAX_ARRAY) {
            throw new CodecArgumentException(name, "the compressed bound of " + uncompressedLength
                    + " bytes exceeds the largest array; compress it in parts or through a stream");
        }
        return (int) bound;
    }

    @Override
    public final int compress(byte[] src, int srcOffset, int srcLength, byte[] dst, int dstOffset, int dstLength) {
        Args.range(name, src, srcOffset, srcLength, "src");
        Args.range(name, dst, dstOffset, dstLength, "dst");
        return doCompress(src, srcOffset, srcLength, dst, dstOffset, dstLength);
    }

    @Override
    public final int decompress(byte[] src, int srcOffset, int srcLength, byte[] dst, int dstOffset, int dstLength) {
        Args.range(name, src, srcOffset, srcLength, "src");
        Args.range(name, dst, dstOffset, dstLength, "dst");
        try {
            return doDecompress(src, srcOffset, srcLength, dst, dstOffset, dstLength);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            // Decoders check every bound explicitly; this backstop keeps the error contract even if
            // one check were missed (the fuzz tests fail on any exception carrying such a cause).
            throw new CorruptInputException(name, "malformed input (bounds check failed)", e);
        }
    }

    @Override
    public final OptionalLong decompressedLength(byte[] src, int srcOffset, int srcLength) {
        Args.range(name, src, srcOffset, srcLength, "src");
        return doDecompressedLength(src, srcOffset, srcLength);
    }

    @Override
    public final long compress(MemorySegment src, MemorySegment dst) {
        Ranges a = ranges(src, dst);
        if (a.dst() != null) {
            return compress(a.src(), a.srcOff(), a.srcLen(), a.dst(), a.dstOff(), a.dstLen());
        }
        byte[] tmp = new byte[(int) Math.min(a.dstLen(), maxCompressedLength((long) a.srcLen()))];
        int n = compress(a.src(), a.srcOff(), a.srcLen(), tmp, 0, tmp.length);
        MemorySegment.copy(tmp, 0, dst, ValueLayout.JAVA_BYTE, 0, n);
        return n;
    }

    @Override
    public final long decompress(MemorySegment src, MemorySegment dst) {
        Ranges a = ranges(src, dst);
        if (a.dst() != null) {
            return decompress(a.src(), a.srcOff(), a.srcLen(), a.dst(), a.dstOff(), a.dstLen());
        }
        int dstLen = a.dstLen();
        OptionalLong declared = decompressedLength(a.src(), a.srcOff(), a.srcLen());
        int cap = declared.isPresent() && declared.getAsLong() < dstLen ? (int) declared.getAsLong() : dstLen;
        byte[] tmp = new byte[cap];
        int n;
        try {
            n = decompress(a.src(), a.srcOff(), a.srcLen(), tmp, 0, cap);
        } catch (dev.oxistore.compress.OutputTooSmallException e) {
            if (cap == dstLen) {
                throw e;
            }
            throw new CorruptInputException(name, "the input decodes to more than the " + cap + " bytes it declares");
        }
        MemorySegment.copy(tmp, 0, dst, ValueLayout.JAVA_BYTE, 0, n);
        return n;
    }

    /**
     * A checked source and destination segment seen as array ranges: the source's own array when it
     * is a writable heap segment, else a copy; {@code dst} is null unless it is a writable heap segment.
     */
    private record Ranges(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {}

    private Ranges ranges(MemorySegment src, MemorySegment dst) {
        int srcLen = checkSegment(src, "src", false);
        int dstLen = checkSegment(dst, "dst", true);
        byte[] sa = heapArray(src);
        int so = sa != null ? (int) src.address() : 0;
        if (sa == null) {
            sa = src.toArray(ValueLayout.JAVA_BYTE);
        }
        byte[] da = heapArray(dst);
        return new Ranges(sa, so, srcLen, da, da != null ? (int) dst.address() : 0, dstLen);
    }

    private int checkSegment(MemorySegment s, String what, boolean writable) {
        Args.notNull(name, s, what);
        if (writable && s.isReadOnly()) {
            throw new CodecArgumentException(name, what + " segment is read-only");
        }
        if (s.byteSize() > Integer.MAX_VALUE) {
            throw new CodecArgumentException(name, what + " segment of " + s.byteSize()
                    + " bytes is larger than 2 GiB; slice it or use a stream");
        }
        return (int) s.byteSize();
    }

    /** The byte[] behind a writable heap segment, else null (read-only segments hide their array). */
    private static byte[] heapArray(MemorySegment s) {
        return s.heapBase().orElse(null) instanceof byte[] a ? a : null;
    }

    @Override
    public final OutputStream compressingStream(OutputStream out) {
        Args.notNull(name, out, "out");
        return newCompressingStream(out);
    }

    @Override
    public final InputStream decompressingStream(InputStream in) {
        Args.notNull(name, in, "in");
        return newDecompressingStream(in);
    }

    @Override
    public Codec streamCodec() {
        return this;
    }

    /** Whether {@link #decompress(byte[], int)} may decode an input of unknown length by stream. */
    protected boolean decodesWholeInputByStream() {
        return streamCodec() == this;
    }

    @Override
    public byte[] decompress(byte[] src, int maxLength) {
        return Args.decompressToArray(this, src, maxLength, decodesWholeInputByStream());
    }
}
