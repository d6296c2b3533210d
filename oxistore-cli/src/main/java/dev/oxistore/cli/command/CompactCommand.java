package dev.oxistore.cli.command;

import dev.oxistore.cli.term.Units;
import dev.oxistore.kv.KvStore;
import picocli.CommandLine.Command;

/** {@code compact}: reclaims space and prints how much. */
@Command(name = "compact",
        description = "Reclaims space held by deleted and overwritten entries, and prints how much.")
public final class CompactCommand extends StoreCommand {

    @Override
    public Integer call() {
        try (KvStore store = ctx().openStore(Access.MODIFY)) {
            long before = store.sizeOnDisk();
            long reclaimed = store.compact();
            out().println("reclaimed " + Units.bytes(reclaimed) + " (" + Units.count(reclaimed) + " bytes); size on disk "
                    + Units.bytes(before) + " -> " + Units.bytes(store.sizeOnDisk()));
        }
        return 0;
    }
}
