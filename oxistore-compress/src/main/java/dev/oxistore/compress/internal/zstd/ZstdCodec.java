package dev.oxistore.compress.internal.zstd;

import dev.oxistore.compress.ParquetCodec;
import dev.oxistore.compress.internal.AbstractCodec;
import dev.oxistore.compress.internal.Args;
import dev.oxistore.compress.internal.Bits;
import dev.oxistore.compress.internal.Pool;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * Codec {@code zstd}: Zstandard frames (RFC 8878, Parquet ZSTD).
 *
 * <p>The decoder reads every standard frame: raw, RLE and compressed blocks; raw, RLE, Huffman and
 * treeless literals with one or four streams; predefined, RLE, FSE-compressed and repeated sequence
 * tables; repeat offsets; any window up to 2^31 (streams: up to 128 MiB); content sizes and xxHash64
 * content checksums; skippable frames; several frames in a row; dictionaries (formatted or raw
 * content) when the codec was made with one. A frame that needs a dictionary the codec lacks, and
 * legacy (v0.x) frames, raise {@code UnsupportedFeatureException}.
 *
 * <p>The compressor writes one frame with the content size and a checksum, using
 * {@link ZstdCompressor}'s double-fast strategy (comparable to the reference encoder's level 3).
 */
public final class ZstdCodec extends AbstractCodec {

    private final ZstdDictionary dictionary;
    private final Pool<ZstdDecoder> decoders;
    private final Pool<ZstdCompressor> compressors = new Pool<>(ZstdCompressor::new);

    /** The codec without a dictionary. */
    public ZstdCodec() {
        this(null);
    }

    /**
     * A codec that compresses with {@code dictionary} and decodes frames that name it (or name no
     * dictionary); see {@link ZstdDictionary} for the two dictionary forms.
     *
     * @throws dev.oxistore.compress.CodecArgumentException if a formatted dictionary is malformed
     */
    public ZstdCodec(byte[] dictionary) {
        super("zstd", ParquetCodec.ZSTD);
        this.dictionary = dictionary == null ? null : ZstdDictionary.parse(name, dictionary);
        this.decoders = new Pool<>(() -> new ZstdDecoder(name, this.dictionary));
    }

    @Override
    public String toString() {
        return dictionary == null ? name : name + "(dictionary " + dictionary.id + ", "
                + dictionary.content.length + " content bytes)";
    }

    @Override
    protected long maxCompressedLength(long n) {
        return ZstdCompressor.maxCompressedLength(n);
    }

    @Override
    protected int doCompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        ZstdCompressor c = compressors.acquire();
        try {
            int n = c.compress(src, srcOff, srcLen, dst, dstOff, dstLen, dictionary);
            if (n < 0) {
                throw Args.tooSmall(name, dstLen);
            }
            return n;
        } finally {
            compressors.release(c);
        }
    }

    @Override
    protected int doDecompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen) {
        ZstdDecoder d = decoders.acquire();
        try {
            return d.decompress(src, srcOff, srcLen, dst, dstOff, dstLen);
        } finally {
            decoders.release(d);
        }
    }

    /** Sums the content sizes of all frames, walking block headers; empty if any frame lacks one. */
    @Override
    protected OptionalLong doDecompressedLength(byte[] src, int srcOff, int srcLen) {
        int ip = srcOff;
        int end = srcOff + srcLen;
        long total = 0;
        try {
            while (ip < end) {
                if (end - ip < 4) {
                    return OptionalLong.empty();
                }
                int magic = Bits.getInt(src, ip);
                if ((magic & Zstd.SKIPPABLE_MASK) == Zstd.SKIPPABLE_MAGIC) {
                    if (end - ip < 8) {
                        return OptionalLong.empty();
                    }
                    long size = Bits.getInt(src, ip + 4) & 0xFFFFFFFFL;
                    if (size > end - ip - 8) {
                        return OptionalLong.empty();
                    }
                    ip += 8 + (int) size;
                    continue;
                }
                if (magic != Zstd.MAGIC) {
                    return OptionalLong.empty();
                }
                FrameHeader h = FrameHeader.parse(name, src, ip + 4, end);
                if (h.contentSize() < 0) {
                    return OptionalLong.empty();
                }
                total += h.contentSize();
                ip += 4 + h.size();
                while (true) {
                    if (end - ip < 3) {
                        return OptionalLong.empty();
                    }
                    int bh = Bits.get24(src, ip);
                    ip += 3;
                    int skip = ((bh >>> 1) & 3) == Zstd.RLE_BLOCK ? 1 : bh >>> 3;
                    if (skip > end - ip) {
                        return OptionalLong.empty();
                    }
                    ip += skip;
                    if ((bh & 1) != 0) {
                        break;
                    }
                }
                if (h.checksum()) {
                    ip += 4;
                }
            }
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // a malformed header: nothing is declared
        }
        return ip == end && srcLen > 0 ? OptionalLong.of(total) : OptionalLong.empty();
    }

    @Override
    protected OutputStream newCompressingStream(OutputStream out) {
        return new ZstdOutputStream(name, out, dictionary);
    }

    @Override
    protected InputStream newDecompressingStream(InputStream in) {
        return new ZstdInputStream(name, in, dictionary);
    }
}
