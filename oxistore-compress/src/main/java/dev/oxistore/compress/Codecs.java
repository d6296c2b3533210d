package dev.oxistore.compress;

import dev.oxistore.compress.internal.NoneCodec;
import dev.oxistore.compress.internal.deflate.DeflateCodec;
import dev.oxistore.compress.internal.lz4.Lz4BlockCodec;
import dev.oxistore.compress.internal.lz4.Lz4FrameCodec;
import dev.oxistore.compress.internal.lz4.Lz4HadoopCodec;
import dev.oxistore.compress.internal.snappy.SnappyCodec;
import dev.oxistore.compress.internal.snappy.SnappyFramedCodec;
import dev.oxistore.compress.internal.zstd.ZstdCodec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of codecs: by canonical name, by Parquet codec id, or through a factory method for
 * codecs with options (compression levels).
 *
 * <table>
 *   <caption>Codecs</caption>
 *   <tr><th>name</th><th>format</th><th>Parquet</th></tr>
 *   <tr><td>{@code none}</td><td>bytes unchanged</td><td>UNCOMPRESSED (0)</td></tr>
 *   <tr><td>{@code lz4}</td><td>one LZ4 block</td><td>LZ4_RAW (7)</td></tr>
 *   <tr><td>{@code lz4-frame}</td><td>LZ4 frame format, xxHash32 content checksum</td><td></td></tr>
 *   <tr><td>{@code lz4-hadoop}</td><td>LZ4 blocks in Hadoop framing</td><td>LZ4 (5)</td></tr>
 *   <tr><td>{@code snappy}</td><td>raw Snappy</td><td>SNAPPY (1)</td></tr>
 *   <tr><td>{@code snappy-framed}</td><td>Snappy framing format, masked CRC32C</td><td></td></tr>
 *   <tr><td>{@code deflate}</td><td>zlib (RFC 1950) through {@code java.util.zip}</td><td></td></tr>
 *   <tr><td>{@code gzip}</td><td>GZIP (RFC 1952) through {@code java.util.zip}</td><td>GZIP (2)</td></tr>
 *   <tr><td>{@code zstd}</td><td>Zstandard frames (RFC 8878), xxHash64 content checksum</td><td>ZSTD (6)</td></tr>
 * </table>
 */
public final class Codecs {

    private static final Codec NONE = new NoneCodec();
    private static final Codec LZ4 = new Lz4BlockCodec();
    private static final Codec LZ4_FRAME = new Lz4FrameCodec();
    private static final Codec LZ4_HADOOP = new Lz4HadoopCodec();
    private static final Codec SNAPPY = new SnappyCodec();
    private static final Codec SNAPPY_FRAMED = new SnappyFramedCodec();
    private static final Codec DEFLATE = new DeflateCodec(DeflateCodec.Wrapper.ZLIB, DeflateCodec.DEFAULT_LEVEL);
    private static final Codec GZIP = new DeflateCodec(DeflateCodec.Wrapper.GZIP, DeflateCodec.DEFAULT_LEVEL);
    private static final Codec ZSTD = new ZstdCodec();

    private static final List<Codec> ALL =
            List.of(NONE, LZ4, LZ4_FRAME, LZ4_HADOOP, SNAPPY, SNAPPY_FRAMED, DEFLATE, GZIP, ZSTD);

    private Codecs() {
    }

    /** Every codec, one instance per name, with default options. */
    public static List<Codec> all() {
        return ALL;
    }

    /** The codec named {@code name} (case-insensitive), if there is one. */
    public static Optional<Codec> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (Codec c : ALL) {
            if (c.name().equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The codec named {@code name} (case-insensitive).
     *
     * @throws CodecArgumentException if no codec has that name
     */
    public static Codec byName(String name) {
        return find(name).orElseThrow(() -> new CodecArgumentException(String.valueOf(name),
                "no codec named '" + name + "'; known codecs are "
                        + ALL.stream().map(Codec::name).toList()));
    }

    /**
     * The codec for Parquet {@code CompressionCodec} id {@code id}.
     *
     * @throws CodecArgumentException if the id is not a Parquet codec id
     * @throws UnsupportedFeatureException for LZO (3) and BROTLI (4)
     */
    public static Codec byParquetId(int id) {
        return ParquetCodec.ofId(id).codec();
    }

    /** The codec with no compression: output equals input. */
    public static Codec none() {
        return NONE;
    }

    /** A single LZ4 block (the LZ4 block format; Parquet's LZ4_RAW). */
    public static Codec lz4() {
        return LZ4;
    }

    /** The LZ4 frame format with independent blocks and an xxHash32 content checksum. */
    public static Codec lz4Frame() {
        return LZ4_FRAME;
    }

    /** LZ4 blocks in Hadoop's framing (Parquet's deprecated LZ4 codec). */
    public static Codec lz4Hadoop() {
        return LZ4_HADOOP;
    }

    /** Raw Snappy (Parquet's SNAPPY). */
    public static Codec snappy() {
        return SNAPPY;
    }

    /** The Snappy framing format with masked CRC32C checksums. */
    public static Codec snappyFramed() {
        return SNAPPY_FRAMED;
    }

    /** zlib-wrapped Deflate (RFC 1950/1951) at level 6. */
    public static Codec deflate() {
        return DEFLATE;
    }

    /**
     * zlib-wrapped Deflate at {@code level}, 0 (store) to 9 (smallest).
     *
     * @throws CodecArgumentException if the level is outside 0..9
     */
    public static Codec deflate(int level) {
        return new DeflateCodec(DeflateCodec.Wrapper.ZLIB, level);
    }

    /** GZIP (RFC 1952) at level 6 (Parquet's GZIP). */
    public static Codec gzip() {
        return GZIP;
    }

    /**
     * GZIP at {@code level}, 0 (store) to 9 (smallest).
     *
     * @throws CodecArgumentException if the level is outside 0..9
     */
    public static Codec gzip(int level) {
        return new DeflateCodec(DeflateCodec.Wrapper.GZIP, level);
    }

    /** Zstandard (RFC 8878): full decoder, fast compressor (Parquet's ZSTD). */
    public static Codec zstd() {
        return ZSTD;
    }

    /**
     * Zstandard with a dictionary: either a formatted dictionary (as {@code zstd --train} writes
     * it, starting with the magic number {@code 0xEC30A437}) or any other bytes, used as raw
     * content. The codec writes the dictionary's id in its frames and decodes frames that name that
     * id or none; a frame naming another dictionary raises {@link UnsupportedFeatureException}.
     * Each compression call copies the input behind the dictionary's content and indexes that
     * content, so dictionaries pay off for small inputs with shared structure.
     *
     * @throws CodecArgumentException if {@code dictionary} is null or a malformed formatted dictionary
     */
    public static Codec zstd(byte[] dictionary) {
        if (dictionary == null) {
            throw new CodecArgumentException("zstd", "dictionary must not be null; use Codecs.zstd() for none");
        }
        return new ZstdCodec(dictionary);
    }
}
