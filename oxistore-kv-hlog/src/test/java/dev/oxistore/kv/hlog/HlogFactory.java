package dev.oxistore.kv.hlog;

import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.StoreFactory;
import java.nio.file.Path;

/** Opens HLOG stores for the testkit suites. */
final class HlogFactory implements StoreFactory {

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        return new HlogEngine().open(dir, config);
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
