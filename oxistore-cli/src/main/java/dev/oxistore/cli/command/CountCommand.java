package dev.oxistore.cli.command;

import dev.oxistore.kv.KvStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code count}: prints the number of live keys in a keyspace. */
@Command(name = "count",
        description = "Prints the number of live (unexpired) keys in the keyspace.")
public final class CountCommand extends StoreCommand {

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() {
        long n;
        try (KvStore store = ctx().openStore(Access.READ)) {
            n = keyspace.of(store).count();
        }
        out().println(n);
        return 0;
    }
}
