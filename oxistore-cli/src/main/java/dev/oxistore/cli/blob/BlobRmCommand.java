package dev.oxistore.cli.blob;

import dev.oxistore.blob.BlobStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blob rm KEY...} or {@code blob rm --prefix P}: deletes objects. */
@Command(name = "rm", description = {"Deletes the objects under KEY..., or every object whose key starts with",
        "--prefix; a missing key is reported, not an error (exit code 0)."})
final class BlobRmCommand extends BlobSubcommand {

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "The keys to delete.")
    List<String> keys = List.of();

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Delete every key starting with PREFIX ('' for all).")
    String prefix;

    @Override
    public Integer call() {
        if ((prefix == null) == keys.isEmpty()) {
            throw usage("give either keys or --prefix");
        }
        try (BlobStore store = openBlob()) {
            if (prefix != null) {
                long n = await(store.deleteAll(prefix));
                out().println("deleted " + n + (n == 1 ? " object" : " objects"));
            } else {
                for (String key : keys) {
                    out().println((await(store.delete(key)) ? "deleted " : "not found (nothing to delete) ") + key);
                }
            }
        }
        return 0;
    }
}
