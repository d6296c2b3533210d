package dev.oxistore.cli.blob;

import dev.oxistore.OxiStore;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.cli.command.StoreCommand;
import dev.oxistore.cli.term.ProgressBar;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The base of the blob commands: opening the store, waiting for its futures, progress for large transfers. */
abstract class BlobSubcommand extends StoreCommand {

    /** Where the blob store lives when {@code --store} is left out. */
    static final String DEFAULT_ROOT = "oxistore-blobs";
    /** Transfers at least this large show a progress bar at once; smaller ones never do. */
    static final long PROGRESS_THRESHOLD = 8L << 20;

    /** Opens the blob store named by {@code --store}, or {@code ./oxistore-blobs}. */
    BlobStore openBlob() {
        return OxiStore.openBlob(ctx().storeOption().orElse(Path.of(DEFAULT_ROOT)));
    }

    /** The result of {@code f}; its failure is thrown as the store's exception, not wrapped. */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * A progress display for a transfer of {@code size} bytes ({@code -1}: unknown): a bar for
     * known large sizes, a counter that appears after two seconds for unknown ones, or null.
     */
    ProgressBar progress(String label, long size) {
        if (size >= PROGRESS_THRESHOLD) {
            return ProgressBar.of(label, "bytes", size, err(), ctx().terminal());
        }
        if (size < 0) {
            return ProgressBar.quiet(label, "bytes", err(), ctx().terminal(), Duration.ofSeconds(2));
        }
        return null;
    }

    /** {@code in}, counting what is read into {@code bar} (when there is one). */
    static InputStream counted(InputStream in, ProgressBar bar) {
        if (bar == null) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bar.add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bar.add(n);
                }
                return n;
            }
        };
    }
}
