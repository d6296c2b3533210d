package dev.oxistore.testkit.blob;

import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.memory.MemoryBlobStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The blob conformance suite on {@link MemoryBlobStore}. Its bit-rot test is skipped here (the
 * bytes cannot be reached from outside); oxistore-blob's own MemoryBlobStoreTest covers it.
 */
class MemoryBlobStoreConformanceTest extends BlobStoreConformanceSuite {

    /** Opens an empty {@link MemoryBlobStore}; public for the suite's child JVM. */
    public static final class Factory implements BlobStoreFactory {
        @Override
        public BlobStore open(Path dir) {
            return MemoryBlobStore.create();
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public List<String> childJvmOptions() {
            // The 1 GiB object lives off-heap; direct memory defaults to the 256 MiB heap size.
            return List.of("-XX:MaxDirectMemorySize=1300m");
        }
    }

    @Override
    protected BlobStoreFactory factory() {
        return new Factory();
    }
}
