package dev.oxistore.cli.blob;

import dev.oxistore.cli.command.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blob}: the group of blob store commands; alone, it prints their usage. */
@Command(name = "blob", mixinStandardHelpOptions = true,
        description = {"Reads and writes a local blob store: large objects under '/'-separated keys.",
                "The store is --store (default: ./" + BlobSubcommand.DEFAULT_ROOT + ")."},
        subcommands = {BlobPutCommand.class, BlobGetCommand.class, BlobLsCommand.class, BlobRmCommand.class,
                BlobStatCommand.class})
public final class BlobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliException.USAGE;
    }
}
