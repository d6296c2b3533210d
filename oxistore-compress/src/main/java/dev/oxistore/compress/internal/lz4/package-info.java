/**
 * LZ4: the block format ({@link dev.oxistore.compress.internal.lz4.Lz4Block}), the frame format
 * with xxHash32 checksums, and Hadoop's framing used by Parquet's deprecated LZ4 codec. Not exported.
 */
package dev.oxistore.compress.internal.lz4;
