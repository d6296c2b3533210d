/**
 * The LSM engine: write-ahead log, memtables, block-based SSTables, leveled compaction; pure Java. Nothing is exported; the facade finds the engine through {@link java.util.ServiceLoader}.
 */
module dev.oxistore.kv.lsm {
    requires dev.oxistore.core;

    provides dev.oxistore.kv.spi.KvEngine with dev.oxistore.kv.lsm.LsmEngine;
}
