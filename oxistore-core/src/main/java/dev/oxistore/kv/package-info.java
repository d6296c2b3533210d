/**
 * The key-value contract: {@link dev.oxistore.kv.KvStore} and its keyspaces, snapshots,
 * transactions, cursors and batches, the configuration, and the {@link dev.oxistore.kv.StoreException}
 * hierarchy. Every engine implements these rules; the testkit's conformance suite checks them.
 */
package dev.oxistore.kv;
