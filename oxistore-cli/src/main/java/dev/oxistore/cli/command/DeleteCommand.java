package dev.oxistore.cli.command;

import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code delete KEY}: removes a key; an absent key is not an error. */
@Command(name = "delete",
        description = "Removes KEY, printing whether it was there.")
public final class DeleteCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8; hex digits under --hex).")
    String key;

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() {
        byte[] k = ctx().bytesArg(key, "key");
        boolean existed;
        try (KvStore store = ctx().openStore(Access.MODIFY)) {
            Keyspace ks = keyspace.of(store);
            existed = ks.contains(k);
            ks.delete(k);
        }
        out().println(existed ? "deleted" : "not found (nothing to delete)");
        return 0;
    }
}
