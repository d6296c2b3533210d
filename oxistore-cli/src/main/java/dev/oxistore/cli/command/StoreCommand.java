package dev.oxistore.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The base of every command: access to the {@link CliContext} and the command's output streams. */
public abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** The context of the {@code oxistore} command this runs under. */
    protected CliContext ctx() {
        return (CliContext) spec.root().userObject();
    }

    /** Standard output. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error (exit code 2) naming this command's help. */
    protected CliException usage(String message) {
        return new CliException(message + " (see 'oxistore " + spec.name() + " --help')", CliException.USAGE, null);
    }
}
