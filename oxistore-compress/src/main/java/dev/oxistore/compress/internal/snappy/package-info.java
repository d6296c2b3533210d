/**
 * Snappy: the raw format ({@link dev.oxistore.compress.internal.snappy.SnappyRaw}) and the framing
 * format with masked CRC32C checksums. Not exported.
 */
package dev.oxistore.compress.internal.snappy;
