/**
 * The checksummed record log format shared by the write-ahead log and the manifest
 * ({@link dev.oxistore.kv.lsm.log.LogFormat}), the write-ahead log file with its group-commit
 * syncs and rotation ({@link dev.oxistore.kv.lsm.log.Wal}), and the encoding of one commit as a log
 * record ({@link dev.oxistore.kv.lsm.log.WalBatch}). Recovery replays whole records only, so a
 * commit is atomic. Internal to the engine; not exported.
 */
package dev.oxistore.kv.lsm.log;
