/**
 * The BTREE engine: an OxiStore {@link dev.oxistore.kv.KvStore} on H2 MVStore. Internal; see
 * {@link dev.oxistore.kv.btree.BtreeStore} for the design and the module README for the on-disk
 * layout, options and durability.
 */
package dev.oxistore.kv.btree;
