package dev.oxistore.cli.blob;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.cli.command.CliException;
import dev.oxistore.cli.term.ProgressBar;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blob get KEY [FILE|-]}: writes an object (or a byte range of it) to a file or standard output. */
@Command(name = "get", description = {"Writes the object under KEY to FILE (replaced atomically when complete)",
        "or to standard output (with - or no FILE); exits with 1 when there is no such object."})
final class BlobGetCommand extends BlobSubcommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", defaultValue = "-",
            description = "Where to write, or - for standard output (default).")
    String file;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "The first byte to write (default 0).")
    long offset;

    @Option(names = "--length", paramLabel = "N", description = "How many bytes at most (default: to the end).")
    Long length;

    @Override
    public Integer call() {
        ByteRange range;
        try {
            range = ByteRange.of(offset, length == null ? Long.MAX_VALUE : length);
        } catch (RuntimeException e) {
            throw usage(e.getMessage());
        }
        try (BlobStore store = openBlob()) {
            BlobMetadata m = await(store.head(key)).orElseThrow(() -> new CliException("no object '" + key + "'"));
            long size = range.within(m.size(), key).length();
            try (InputStream in = await(store.openStream(key, range)); ProgressBar bar = progress("get", size)) {
                if (file.equals("-")) {
                    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
                    counted(in, bar).transferTo(stdout);
                    stdout.flush();
                } else {
                    Path target = Path.of(file).toAbsolutePath();
                    Path partial = target.resolveSibling(target.getFileName() + ".part");
                    Files.copy(counted(in, bar), partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return 0;
    }
}
