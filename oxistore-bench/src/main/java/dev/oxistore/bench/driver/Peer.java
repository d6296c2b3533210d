package dev.oxistore.bench.driver;

import java.nio.file.Path;

/** A store the runner can measure: one of our engines or a peer, opened fresh for each run. */
public interface Peer {

    /** The short name used on the command line and in reports, e.g. {@code rocksdb}. */
    String name();

    /** True when the store keeps keys in order, so seeks and full scans apply. */
    boolean ordered();

    /** True when the store writes to its directory (fillsync, bytes written and size on disk apply). */
    boolean persistent();

    /**
     * Opens a new, empty store in {@code dir} (an empty directory that exists).
     *
     * @throws Exception anything the store raises, including {@link LinkageError} from a native
     *                   library that does not load on this JDK: the runner reports it and goes on
     */
    Driver open(Path dir, DriverConfig config) throws Exception;
}
