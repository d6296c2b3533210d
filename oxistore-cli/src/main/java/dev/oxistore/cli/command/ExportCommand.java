package dev.oxistore.cli.command;

import dev.oxistore.cli.export.Exporter;
import dev.oxistore.cli.term.ProgressBar;
import dev.oxistore.cli.term.Units;
import dev.oxistore.kv.KvStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export [FILE|-]}: writes the whole store in the export format. */
@Command(name = "export",
        description = {"Writes every keyspace of the store, with expiry times, to FILE (or stdout) in the "
                + "line format of docs/export-format.md, which 'import' reads back.",
                "A FILE is written under a temporary name and renamed when complete."})
public final class ExportCommand extends StoreCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
            description = "Where to write; '-' (the default) is stdout.")
    String target;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        boolean toStdout = "-".equals(target);
        Path file = toStdout ? null : Path.of(target);
        if (file != null && Files.exists(file) && !force) {
            throw new CliException(file + " exists: choose another name, or pass --force to overwrite it");
        }
        if (file != null && !Files.isDirectory(file.toAbsolutePath().getParent())) {
            throw new CliException("cannot write " + file + ": no such directory " + file.toAbsolutePath().getParent());
        }
        long n;
        try (KvStore store = ctx().openStore(Access.READ);
             ProgressBar progress = ProgressBar.quiet("export", "entries", err(), ctx().terminal(), Duration.ofSeconds(1))) {
            n = toStdout ? Exporter.export(store, out(), progress::add) : exportToFile(store, file, progress);
        }
        if (toStdout && out().checkError()) {
            throw new CliException("the export could not be written to stdout (was the pipe closed?)");
        }
        // With the export on stdout, the summary goes to stderr so it stays out of the data.
        PrintWriter summary = toStdout ? err() : out();
        summary.println("exported " + Units.count(n, "entry", "entries") + (toStdout ? "" : " to " + file));
        return 0;
    }

    private static long exportToFile(KvStore store, Path file, ProgressBar progress) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".partial");
            long n;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                n = Exporter.export(store, w, progress::add);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path tmp, Exception failure) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
