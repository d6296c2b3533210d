package dev.oxistore.cli.blob;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.cli.command.CliException;
import dev.oxistore.cli.term.ProgressBar;
import dev.oxistore.cli.term.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blob put KEY [FILE|-]}: stores a file or standard input under a key. */
@Command(name = "put", description = {"Stores FILE (or standard input, with - or no FILE) under KEY, atomically,",
        "and prints its size and ETag."})
final class BlobPutCommand extends BlobSubcommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key, e.g. models/v1/weights.bin.")
    String key;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", defaultValue = "-",
            description = "The file to store, or - for standard input (default).")
    String file;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "The MIME type (default: guessed from the file name, else application/octet-stream).")
    String contentType;

    @Option(names = "--meta", paramLabel = "NAME=VALUE", description = "User metadata (repeatable); names use a-z, 0-9 and _.")
    Map<String, String> meta = new LinkedHashMap<>();

    @Option(names = "--if-absent", description = "Store only when KEY has no object yet (exit code 1 if it has).")
    boolean ifAbsent;

    @Override
    public Integer call() {
        PutOptions options = PutOptions.defaults().withUserMetadata(meta);
        String type = contentType != null ? contentType : guessType();
        if (type != null) {
            options = options.withContentType(type);
        }
        if (ifAbsent) {
            options = options.ifAbsent();
        }
        BlobMetadata m;
        try (BlobStore store = openBlob(); InputStream source = open()) {
            long size = file.equals("-") ? -1 : Files.size(Path.of(file));
            try (ProgressBar bar = progress("put", size)) {
                m = await(store.put(key, counted(source, bar), options));
            }
        } catch (NoSuchFileException e) {
            throw new CliException("no file " + file + " to put", CliException.USAGE, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        out().println("stored " + m.key() + " (" + Units.bytes(m.size()) + ", ETag " + m.etag() + ")");
        return 0;
    }

    private InputStream open() throws IOException {
        return file.equals("-") ? ctx().stdin() : Files.newInputStream(Path.of(file));
    }

    private String guessType() {
        if (file.equals("-")) {
            return null;
        }
        try {
            return Files.probeContentType(Path.of(file));
        } catch (IOException e) {
            return null;
        }
    }
}
