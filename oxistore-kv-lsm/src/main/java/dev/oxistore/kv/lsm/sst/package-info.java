/**
 * Sorted string tables: the immutable files flushes and compactions write. A table is a sequence
 * of checksummed, prefix-compressed blocks ({@link dev.oxistore.kv.lsm.sst.Block},
 * {@link dev.oxistore.kv.lsm.sst.BlockCursor}), a bloom filter over user keys
 * ({@link dev.oxistore.kv.lsm.sst.BloomFilter}), an index block and a footer; it is written once by
 * {@link dev.oxistore.kv.lsm.sst.TableWriter}, read and reference-counted by
 * {@link dev.oxistore.kv.lsm.sst.TableReader}, and described in the manifest by
 * {@link dev.oxistore.kv.lsm.sst.TableMeta}. Internal to the engine; not exported.
 */
package dev.oxistore.kv.lsm.sst;
