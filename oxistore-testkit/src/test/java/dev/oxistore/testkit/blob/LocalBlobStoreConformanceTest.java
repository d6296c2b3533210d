package dev.oxistore.testkit.blob;

import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.local.LocalBlobStore;
import dev.oxistore.kv.Durability;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The blob conformance suite on {@link LocalBlobStore} (here because oxistore-blob cannot depend on
 * the testkit). Stores open with {@link Durability#FLUSH}: the suite writes 10,000 objects, and
 * forcing each to disk proves nothing the suite checks; oxistore-blob's own tests run SYNC stores
 * and kill -9 a child JVM mid-write.
 */
class LocalBlobStoreConformanceTest extends BlobStoreConformanceSuite {

    /** Opens a {@link LocalBlobStore} on the directory; public for the suite's child JVM. */
    public static final class Factory implements BlobStoreFactory {
        @Override
        public BlobStore open(Path dir) {
            return LocalBlobStore.builder(dir).durability(Durability.FLUSH).open();
        }

        @Override
        public boolean persistent() {
            return true;
        }

        @Override
        public boolean corruptContent(BlobStore store, Path dir, String sha256) {
            // content/<first two hex digits>/<digest>, as documented in LocalBlobStore.
            Path file = dir.resolve("content").resolve(sha256.substring(0, 2)).resolve(sha256);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(f.length() / 2);
                int b = f.read();
                f.seek(f.length() / 2);
                f.write(b ^ 0x10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }
    }

    @Override
    protected BlobStoreFactory factory() {
        return new Factory();
    }
}
