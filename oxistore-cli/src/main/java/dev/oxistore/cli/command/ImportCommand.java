package dev.oxistore.cli.command;

import dev.oxistore.cli.export.Importer;
import dev.oxistore.cli.term.ProgressBar;
import dev.oxistore.cli.term.Units;
import dev.oxistore.kv.KvStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code import [FILE|-]}: reads an export into the store. */
@Command(name = "import",
        description = {"Reads an export (docs/export-format.md) from FILE (or stdin) into the store, creating "
                + "it if needed. Existing keys are overwritten; entries whose expiry has passed are skipped."})
public final class ImportCommand extends StoreCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
            description = "What to read; '-' (the default) is stdin.")
    String source;

    @Override
    public Integer call() throws IOException {
        boolean fromStdin = "-".equals(source);
        Importer.Summary s;
        try (BufferedReader in = fromStdin
                ? new BufferedReader(new InputStreamReader(ctx().stdin(), StandardCharsets.ISO_8859_1))
                : open(Path.of(source));
             KvStore store = ctx().openStore(Access.WRITE);
             ProgressBar progress = ProgressBar.quiet("import", "entries", err(), ctx().terminal(), Duration.ofSeconds(1))) {
            s = Importer.importInto(store, in, progress::add);
        }
        out().println("imported " + Units.count(s.imported(), "entry", "entries") + " into "
                + Units.count(s.keyspaces().size(), "keyspace", "keyspaces")
                + (s.expired() > 0 ? "; skipped " + Units.count(s.expired()) + " already expired" : ""));
        return 0;
    }

    private static BufferedReader open(Path file) throws IOException {
        try {
            // ISO-8859-1 maps every byte to one char, so a stray non-ASCII byte is reported with its line.
            return Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        }
    }
}
