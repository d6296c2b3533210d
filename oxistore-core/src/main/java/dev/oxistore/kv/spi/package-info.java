/**
 * The engine SPI: what an engine module implements ({@link dev.oxistore.kv.spi.KvEngine}) and
 * the helpers every engine shares (argument checks, watch delivery, transaction cursors).
 * Keyspace operations start with a {@link dev.oxistore.kv.spi.KeyspaceChecks} check, and a
 * {@link dev.oxistore.kv.WriteBatch} is checked and counted by {@link dev.oxistore.kv.spi.BatchTally}.
 *
 * <p>An engine that can pin a consistent view of itself implements
 * {@link dev.oxistore.kv.spi.ReadView} (and {@link dev.oxistore.kv.spi.TxnBase} to commit) and
 * gets snapshots from {@link dev.oxistore.kv.spi.ViewSnapshot} and snapshot-isolation
 * transactions from {@link dev.oxistore.kv.spi.SnapshotTxn}, whose read-your-writes come from
 * {@link dev.oxistore.kv.spi.TxnWriteSet} and {@link dev.oxistore.kv.spi.OverlayCursor}. Open and
 * closed state is a {@link dev.oxistore.kv.spi.Lifecycle} chain, counters a
 * {@link dev.oxistore.kv.spi.MetricsRecorder}, expiry times {@link dev.oxistore.kv.spi.Expiry},
 * merges {@link dev.oxistore.kv.spi.Merges}, and sorted-map range views
 * {@link dev.oxistore.kv.spi.RangeViews}.
 */
package dev.oxistore.kv.spi;
