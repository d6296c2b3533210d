package dev.oxistore.kv.btree;

import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;

/** Opens BTREE stores for the testkit suites. */
final class BtreeFactory implements StoreFactory {

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        return new BtreeEngine().open(dir, config);
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
