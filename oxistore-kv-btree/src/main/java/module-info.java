/**
 * OxiStore's B-tree engine ({@link dev.oxistore.kv.EngineKind#BTREE}) on H2 MVStore: one file,
 * ACID, MVCC. Nothing is exported; the facade finds the engine through
 * {@link java.util.ServiceLoader}.
 */
module dev.oxistore.kv.btree {
    requires dev.oxistore.core;
    requires com.h2database.mvstore;

    provides dev.oxistore.kv.spi.KvEngine with dev.oxistore.kv.btree.BtreeEngine;
}
