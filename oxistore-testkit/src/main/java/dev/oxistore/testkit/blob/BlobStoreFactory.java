package dev.oxistore.testkit.blob;

import dev.oxistore.blob.BlobStore;
import java.nio.file.Path;

/**
 * How the blob suite opens the backend under test: the single hook a backend's test supplies.
 * The class must be public with a public no-argument constructor: the suite's large-object test
 * creates it again in a child JVM with a small heap.
 */
public interface BlobStoreFactory {

    /**
     * Opens the store kept in {@code dir} (a directory owned by the test), creating it on first
     * use. A persistent backend called again with the same {@code dir} after {@code close()}
     * must reopen the same objects.
     */
    BlobStore open(Path dir);

    /** True when objects survive {@code close()} and a later {@link #open} of the same directory. */
    boolean persistent();

    /**
     * Damages the stored bytes of content {@code sha256} in {@code store} (opened on {@code dir}),
     * so the suite can check that {@link BlobStore#getContent(String)} notices; return false when
     * the backend cannot be damaged from outside, and the test is skipped.
     */
    default boolean corruptContent(BlobStore store, Path dir, String sha256) {
        return false;
    }

    /** JVM options the child JVM of the large-object test needs beyond the 256 MiB heap (e.g. direct memory). */
    default java.util.List<String> childJvmOptions() {
        return java.util.List.of();
    }
}
