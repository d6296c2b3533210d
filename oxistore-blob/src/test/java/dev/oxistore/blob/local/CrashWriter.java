package dev.oxistore.blob.local;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.UploadedPart;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link LocalBlobStoreCrashTest}: overwrites one key with large objects (plain
 * puts and multipart uploads in turn) under SYNC until killed, printing {@code START <n>} before
 * and {@code ACK <n> <etag>} after each write. Object n is {@link Gen#bytes} of seed n.
 *
 * <p>Arguments: {@code <root> <first n> <size>}.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    /** Runs until killed (or for a minute at most). */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        int size = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            for (long n = first; System.nanoTime() < deadline; n++) {
                System.out.println("START " + n);
                System.out.flush();
                byte[] data = Gen.bytes(n, size);
                BlobMetadata m;
                if (n % 2 == 0) {
                    m = store.put("big/object", Gen.stream(data), PutOptions.defaults()).join();
                } else {
                    MultipartUpload up = store.initiateMultipart("big/object", PutOptions.defaults()).join();
                    int half = size / 2;
                    UploadedPart p1 = store.uploadPart(up, 1, new ByteArrayInputStream(data, 0, half), half).join();
                    UploadedPart p2 = store.uploadPart(up, 2, new ByteArrayInputStream(data, half, size - half), size - half).join();
                    m = store.completeMultipart(up, List.of(p1, p2)).join();
                }
                System.out.println("ACK " + n + " " + m.etag());
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
