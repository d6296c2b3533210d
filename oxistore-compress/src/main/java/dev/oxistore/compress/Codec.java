package dev.oxistore.compress;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A compression format: one-shot compression into caller-provided arrays or memory segments, and
 * streams for payloads too large to hold at once. Obtain instances from {@link Codecs}.
 *
 * <p>Rules every implementation follows (checked by the module's shared test suite):
 * <ul>
 *   <li><b>Thread safety.</b> A codec is immutable and safe for concurrent use; working memory
 *       (hash tables, decoding tables) is pooled internally, never shared between running calls.
 *   <li><b>Determinism.</b> The same input and codec configuration always give the same compressed
 *       bytes.
 *   <li><b>Round trip.</b> {@code decompress(compress(x)) == x} for every input, including empty.
 *   <li><b>Bounded output.</b> A compress or decompress call writes only inside
 *       {@code dst[dstOffset, dstOffset + dstLength)}. When it throws, that range may hold partial
 *       output; nothing outside it is touched.
 *   <li><b>Hardened decoding.</b> Malformed, truncated or hostile input raises
 *       {@link CorruptInputException} (or {@link UnsupportedFeatureException} for a valid but
 *       unimplemented feature) in time and memory bounded by the input and destination sizes; never
 *       another runtime exception, never a hang. Input that holds no frame or block at all (zero
 *       bytes) is corrupt for every codec except {@code none} and {@code lz4-hadoop}, whose
 *       empty content is zero bytes.
 *   <li><b>Sizes.</b> Input larger than the destination can hold raises
 *       {@link OutputTooSmallException}; a destination of {@link #maxCompressedLength(int)} bytes
 *       always suffices for compression.
 *   <li><b>Arguments.</b> Null arrays or segments, or offsets and lengths outside their array, raise
 *       {@link CodecArgumentException} before anything is read or written.
 * </ul>
 */
public interface Codec {

    /** The codec's canonical name, as accepted by {@link Codecs#byName(String)}, e.g. {@code "zstd"}. */
    String name();

    /** The Parquet {@code CompressionCodec} this codec implements, if any. */
    Optional<ParquetCodec> parquetCodec();

    /**
     * The largest compressed size of {@code uncompressedLength} bytes, for sizing destinations.
     *
     * @throws CodecArgumentException if {@code uncompressedLength} is negative or so large that
     *     the bound does not fit in an {@code int}
     */
    int maxCompressedLength(int uncompressedLength);

    /**
     * Compresses {@code src[srcOffset, srcOffset + srcLength)} into
     * {@code dst[dstOffset, dstOffset + dstLength)}.
     *
     * @return the number of bytes written at {@code dstOffset}
     * @throws OutputTooSmallException if the compressed form does not fit in {@code dstLength}
     * @throws CodecArgumentException for null arrays or out-of-range offsets and lengths
     */
    int compress(byte[] src, int srcOffset, int srcLength, byte[] dst, int dstOffset, int dstLength);

    /**
     * Decompresses all of {@code src[srcOffset, srcOffset + srcLength)} into
     * {@code dst[dstOffset, dstOffset + dstLength)}. The whole input must be consumed: trailing
     * bytes that are not part of the format are corrupt input.
     *
     * @return the number of bytes written at {@code dstOffset}
     * @throws CorruptInputException if the input is malformed, truncated or fails a checksum
     * @throws OutputTooSmallException if the input decodes to more than {@code dstLength} bytes
     * @throws UnsupportedFeatureException if the input uses a feature this codec does not implement
     * @throws CodecArgumentException for null arrays or out-of-range offsets and lengths
     */
    int decompress(byte[] src, int srcOffset, int srcLength, byte[] dst, int dstOffset, int dstLength);

    /**
     * The uncompressed length the input declares, when the format records it in its headers (Snappy,
     * Zstandard frames with a content size, LZ4 frames with a content size, Hadoop LZ4 chunks).
     * Only headers are read; a present value is a claim, not a verified fact, so bound it before
     * allocating.
     *
     * @throws CodecArgumentException for null arrays or out-of-range offsets and lengths
     */
    OptionalLong decompressedLength(byte[] src, int srcOffset, int srcLength);

    /**
     * Compresses the bytes of {@code src} into {@code dst}, both read from and written at their
     * start (slice segments to select ranges). Heap segments over writable {@code byte[]} arrays are
     * processed in place; other segments are copied through a temporary array.
     *
     * @return the number of bytes written at the start of {@code dst}
     * @throws OutputTooSmallException if the compressed form does not fit in {@code dst}
     * @throws CodecArgumentException for null segments, a read-only {@code dst}, or segments larger
     *     than {@link Integer#MAX_VALUE} bytes
     */
    long compress(MemorySegment src, MemorySegment dst);

    /**
     * Decompresses all bytes of {@code src} into {@code dst}; the segment counterpart of
     * {@link #decompress(byte[], int, int, byte[], int, int)}.
     *
     * @return the number of bytes written at the start of {@code dst}
     * @throws CorruptInputException if the input is malformed, truncated or fails a checksum
     * @throws OutputTooSmallException if the input decodes to more than {@code dst.byteSize()} bytes
     * @throws UnsupportedFeatureException if the input uses a feature this codec does not implement
     * @throws CodecArgumentException for null segments, a read-only {@code dst}, or segments larger
     *     than {@link Integer#MAX_VALUE} bytes
     */
    long decompress(MemorySegment src, MemorySegment dst);

    /**
     * Returns a stream that compresses what is written to it into {@code out}, in the format of
     * {@link #streamCodec()}. {@code close()} writes the end of the format and closes {@code out};
     * {@code flush()} pushes buffered data through as a complete block where the format allows.
     *
     * @throws CodecArgumentException if {@code out} is null
     */
    OutputStream compressingStream(OutputStream out);

    /**
     * Returns a stream that reads the format of {@link #streamCodec()} from {@code in} and yields the
     * uncompressed bytes, up to the end of {@code in}. Corrupt or truncated input raises
     * {@link CorruptInputException} (unchecked) from {@code read}; I/O errors of {@code in} propagate
     * unchanged. {@code close()} closes {@code in}.
     *
     * @throws CodecArgumentException if {@code in} is null
     */
    InputStream decompressingStream(InputStream in);

    /**
     * The codec whose format this codec's streams read and write: this codec itself when its format
     * can be written incrementally, else its framed sibling ({@code lz4} streams write
     * {@code lz4-frame}; {@code snappy} streams write {@code snappy-framed}), because a raw block must
     * know its whole input before its first byte is written.
     */
    Codec streamCodec();

    /** Compresses all of {@code src} into a new array of exactly the compressed length. */
    default byte[] compress(byte[] src) {
        dev.oxistore.compress.internal.Args.notNull(name(), src, "src");
        byte[] dst = new byte[maxCompressedLength(src.length)];
        int n = compress(src, 0, src.length, dst, 0, dst.length);
        return n == dst.length ? dst : java.util.Arrays.copyOf(dst, n);
    }

    /**
     * Decompresses all of {@code src} into a new array of exactly the uncompressed length, refusing
     * to produce more than {@code maxLength} bytes (the guard against decompression bombs).
     *
     * @throws OutputTooSmallException if the input decodes to more than {@code maxLength} bytes
     * @throws CorruptInputException if the input is malformed, truncated or fails a checksum
     */
    default byte[] decompress(byte[] src, int maxLength) {
        return dev.oxistore.compress.internal.Args.decompressToArray(this, src, maxLength, streamCodec() == this);
    }
}
