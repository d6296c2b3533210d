package dev.oxistore.compress;

import java.util.Optional;

/**
 * The codecs of Parquet's {@code CompressionCodec} enum (parquet-format), with their Thrift ids, and
 * the codec of this library that reads and writes each one.
 */
public enum ParquetCodec {
    /** Id 0: pages stored as they are; codec {@code none}. */
    UNCOMPRESSED(0, "none"),
    /** Id 1: raw Snappy blocks (not the framing format); codec {@code snappy}. */
    SNAPPY(1, "snappy"),
    /** Id 2: GZIP members (RFC 1952); codec {@code gzip}. */
    GZIP(2, "gzip"),
    /** Id 3: LZO; not implemented. */
    LZO(3, null),
    /** Id 4: Brotli; not implemented. */
    BROTLI(4, null),
    /**
     * Id 5, deprecated by Parquet: LZ4 blocks in Hadoop's length-prefixed framing; codec
     * {@code lz4-hadoop}, whose decoder also accepts a bare LZ4 block as older writers produced.
     */
    LZ4(5, "lz4-hadoop"),
    /** Id 6: Zstandard frames (RFC 8878); codec {@code zstd}. */
    ZSTD(6, "zstd"),
    /** Id 7: a bare LZ4 block; codec {@code lz4}. */
    LZ4_RAW(7, "lz4");

    private final int id;
    private final String codecName;

    ParquetCodec(int id, String codecName) {
        this.id = id;
        this.codecName = codecName;
    }

    /** The Thrift id of this codec in parquet-format's {@code CompressionCodec}. */
    public int id() {
        return id;
    }

    /** Whether this library implements the codec. */
    public boolean isSupported() {
        return codecName != null;
    }

    /** The implementing codec, if this library has one. */
    public Optional<Codec> findCodec() {
        return codecName == null ? Optional.empty() : Optional.of(Codecs.byName(codecName));
    }

    /**
     * The implementing codec.
     *
     * @throws UnsupportedFeatureException for {@link #LZO} and {@link #BROTLI}
     */
    public Codec codec() {
        if (codecName == null) {
            throw new UnsupportedFeatureException(name().toLowerCase(java.util.Locale.ROOT),
                    "Parquet codec " + name() + " (id " + id + ") is not implemented by oxistore-compress;"
                            + " rewrite the file with SNAPPY, GZIP, LZ4_RAW or ZSTD");
        }
        return Codecs.byName(codecName);
    }

    /**
     * The Parquet codec with Thrift id {@code id}.
     *
     * @throws CodecArgumentException if no Parquet codec has that id
     */
    public static ParquetCodec ofId(int id) {
        for (ParquetCodec c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new CodecArgumentException("parquet", "unknown Parquet CompressionCodec id " + id
                + "; known ids are 0 to 7 (UNCOMPRESSED, SNAPPY, GZIP, LZO, BROTLI, LZ4, ZSTD, LZ4_RAW)");
    }
}
