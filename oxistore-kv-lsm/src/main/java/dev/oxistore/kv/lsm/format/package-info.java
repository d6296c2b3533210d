/**
 * The byte-level encodings every on-disk structure of the LSM engine shares: varints, fixed-width
 * big-endian integers and CRC32C ({@link dev.oxistore.kv.lsm.format.Coding}), and the internal key
 * and value layout that orders entries by keyspace, user key and newest sequence number first
 * ({@link dev.oxistore.kv.lsm.format.InternalKey}). Internal to the engine; not exported.
 */
package dev.oxistore.kv.lsm.format;
