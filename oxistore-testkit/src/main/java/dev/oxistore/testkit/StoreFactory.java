package dev.oxistore.testkit;

import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;

/** How a testkit suite opens the engine under test: the single hook an engine's test supplies. */
public interface StoreFactory {

    /**
     * Opens the store kept in {@code dir} (an empty directory owned by the test), creating it
     * on first use, with {@code config}. A persistent engine called again with the same
     * {@code dir} after {@code close()} must reopen the same data; an in-memory engine may
     * ignore {@code dir}.
     */
    KvStore open(Path dir, StoreConfig config);

    /** True when data survives {@code close()} and a later {@link #open} of the same directory. */
    boolean persistent();
}
