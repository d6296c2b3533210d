package dev.oxistore.kv.lsm;

import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;

/** Opens LSM stores for the testkit suites, with small memtables and tables so flushes and compactions happen. */
final class LsmFactory implements StoreFactory {

    /** Options that make a few hundred writes flush and compact. */
    static StoreConfig.Builder small(StoreConfig.Builder b) {
        return b.engineOption("lsm.memtableSize", "8192").engineOption("lsm.levelBaseBytes", "32768")
                .engineOption("lsm.targetFileSize", "8192").engineOption("lsm.l0CompactionTrigger", "2");
    }

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        StoreConfig.Builder b = config.toBuilder();
        if (!config.engineOptions().containsKey("lsm.memtableSize")) {
            small(b);
        }
        return new LsmEngine().open(dir, b.build());
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
