package dev.oxistore.cli.command;

import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.Keyspace;
import picocli.CommandLine.Option;

/** The {@code -k/--keyspace} option of commands that address one keyspace. */
public final class KeyspaceOption {

    @Option(names = {"-k", "--keyspace"}, paramLabel = "NAME", defaultValue = KvStore.DEFAULT_KEYSPACE,
            description = "The keyspace to use (default: ${DEFAULT-VALUE}).")
    String name = KvStore.DEFAULT_KEYSPACE;

    /** The chosen keyspace of {@code store}. */
    public Keyspace of(KvStore store) {
        return keyspace(store, name);
    }

    /** Keyspace {@code name} of {@code store}; the default one is the store itself. */
    public static Keyspace keyspace(KvStore store, String name) {
        return KvStore.DEFAULT_KEYSPACE.equals(name) ? store : store.keyspace(name);
    }

    /** Keyspace {@code name} as seen by {@code snapshot}. */
    public static KvReader keyspace(KvSnapshot snapshot, String name) {
        return KvStore.DEFAULT_KEYSPACE.equals(name) ? snapshot : snapshot.keyspace(name);
    }
}
