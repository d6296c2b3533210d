package dev.oxistore.cli.blob;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.cli.command.CliException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code blob stat KEY}: prints an object's metadata. */
@Command(name = "stat", description = "Prints the size, ETag, content type, times, SHA-256 and user metadata of KEY; "
        + "exits with 1 when there is no such object.")
final class BlobStatCommand extends BlobSubcommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Override
    public Integer call() {
        BlobMetadata m;
        try (BlobStore store = openBlob()) {
            m = await(store.head(key)).orElseThrow(() -> new CliException("no object '" + key + "'"));
        }
        PrintWriter out = out();
        out.println("key:          " + m.key());
        out.println("size:         " + m.size());
        out.println("etag:         " + m.etag());
        out.println("content-type: " + m.contentType());
        out.println("created:      " + m.created());
        out.println("modified:     " + m.modified());
        out.println("sha256:       " + m.sha256().orElse("-"));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m.userMetadata()).entrySet()) {
            out.println("meta." + e.getKey() + ": " + e.getValue());
        }
        return 0;
    }
}
