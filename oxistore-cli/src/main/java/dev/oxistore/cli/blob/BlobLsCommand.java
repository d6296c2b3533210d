package dev.oxistore.cli.blob;

import dev.oxistore.blob.BlobKeys;
import dev.oxistore.blob.BlobPage;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.BlobSummary;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blob ls [PREFIX]}: lists keys one level at a time, or all with {@code -r}. */
@Command(name = "ls", description = {"Lists the objects whose keys start with PREFIX, in key order. Without -r,",
        "keys below the next '/' are grouped into one line ending with '/', like directories."})
final class BlobLsCommand extends BlobSubcommand {

    @Parameters(index = "0", paramLabel = "PREFIX", arity = "0..1", defaultValue = "",
            description = "Only keys starting with this (default: all).")
    String prefix;

    @Option(names = {"-r", "--recursive"}, description = "List every key under PREFIX instead of grouping by '/'.")
    boolean recursive;

    @Option(names = {"-l", "--long"}, description = "Also print size in bytes, modification time and ETag.")
    boolean longFormat;

    @Override
    public Integer call() {
        PrintWriter out = out();
        long objects = 0;
        try (BlobStore store = openBlob()) {
            String token = null;
            do {
                BlobPage page = await(store.list(prefix, recursive ? null : "/", token, BlobStore.MAX_PAGE_SIZE));
                // Objects and groups arrive as two sorted lists: merge them for the reader.
                int i = 0;
                int j = 0;
                while (i < page.blobs().size() || j < page.commonPrefixes().size()) {
                    boolean blobNext = j == page.commonPrefixes().size() || (i < page.blobs().size()
                            && BlobKeys.compare(page.blobs().get(i).key(), page.commonPrefixes().get(j)) < 0);
                    if (blobNext) {
                        BlobSummary b = page.blobs().get(i++);
                        out.println(longFormat ? b.size() + "\t" + b.modified() + "\t" + b.etag() + "\t" + b.key() : b.key());
                        objects++;
                    } else {
                        String p = page.commonPrefixes().get(j++);
                        out.println(longFormat ? "-\t-\t-\t" + p : p);
                    }
                }
                token = page.nextPageToken().orElse(null);
            } while (token != null);
        }
        if (longFormat) {
            out.println(objects + (objects == 1 ? " object" : " objects"));
        }
        return 0;
    }
}
