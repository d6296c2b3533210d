/** The LSM engine: write-ahead log, memtables, block-based SSTables, leveled compaction; pure Java. Internal. */
package dev.oxistore.kv.lsm;
