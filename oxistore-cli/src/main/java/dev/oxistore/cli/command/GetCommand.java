package dev.oxistore.cli.command;

import dev.oxistore.kv.KvStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get KEY}: prints a value; exit code 1 when the key is absent. */
@Command(name = "get",
        description = "Prints the value of KEY; exits with 1 when the key is absent or expired.")
public final class GetCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8; hex digits under --hex).")
    String key;

    @Option(names = "--format", paramLabel = "utf8|hex", defaultValue = "utf8",
            description = "Print the value as escaped UTF-8 text or as hex (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() {
        byte[] k = ctx().bytesArg(key, "key");
        byte[] v;
        try (KvStore store = ctx().openStore(Access.READ)) {
            v = keyspace.of(store).get(k);
        }
        if (v == null) {
            throw new CliException("key '" + format.render(k) + "' not found");
        }
        out().println(format.render(v));
        return 0;
    }
}
