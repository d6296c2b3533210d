package dev.oxistore.testkit.blob;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.blob.PutOptions;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The child JVM of {@link BlobStoreConformanceSuite}'s large-object test: with a small heap,
 * streams a generated object of the given size into a store made by the given factory class,
 * reads it back whole and as a range, and prints {@code HEAP <max heap>} and
 * {@code OK <size> <sha256>} on success (exit code 0), or the failure (exit code 1).
 *
 * <p>Arguments: {@code <factory class> <store dir> <size> <seed>}.
 */
public final class HugeBlobChild {

    private HugeBlobChild() {
    }

    /** Runs the child; see the class comment. */
    public static void main(String[] args) throws Exception {
        BlobStoreFactory factory = (BlobStoreFactory) Class.forName(args[0]).getConstructor().newInstance();
        Path dir = Path.of(args[1]);
        long size = Long.parseLong(args[2]);
        long seed = Long.parseLong(args[3]);
        System.out.println("HEAP " + Runtime.getRuntime().maxMemory());
        try (BlobStore store = factory.open(dir)) {
            BlobMetadata meta = store.put("huge/streamed", Pattern.stream(seed, size, 1 << 20), PutOptions.defaults()).join();
            if (meta.size() != size) {
                fail("put stored " + meta.size() + " bytes, expected " + size);
            }
            try (InputStream in = store.openStream("huge/streamed").join()) {
                String problem = Pattern.check(in, seed, 0, size);
                if (problem != null) {
                    fail("whole read: " + problem);
                }
            }
            long mid = size / 2 - 12_345;
            try (InputStream in = store.openStream("huge/streamed", ByteRange.of(mid, 3 << 20)).join()) {
                String problem = Pattern.check(in, seed, mid, Math.min(3 << 20, size - mid));
                if (problem != null) {
                    fail("range read: " + problem);
                }
            }
            System.out.println("OK " + size + " " + meta.sha256().orElse("-"));
        }
        System.out.flush();
        System.exit(0);
    }

    private static void fail(String message) {
        System.out.println("FAIL " + message);
        System.out.flush();
        System.exit(1);
    }
}
