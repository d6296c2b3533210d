/**
 * Zstandard (RFC 8878): the frame decoder ({@link dev.oxistore.compress.internal.zstd.ZstdDecoder}),
 * its FSE and Huffman tables, the fast compressor and the streams. Not exported.
 */
package dev.oxistore.compress.internal.zstd;
