/**
 * The compression API: {@link dev.oxistore.compress.Codec}, the registry
 * {@link dev.oxistore.compress.Codecs}, Parquet codec ids ({@link dev.oxistore.compress.ParquetCodec})
 * and the unchecked {@link dev.oxistore.compress.CompressionException} hierarchy.
 */
package dev.oxistore.compress;
