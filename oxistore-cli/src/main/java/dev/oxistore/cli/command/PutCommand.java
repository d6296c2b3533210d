package dev.oxistore.cli.command;

import dev.oxistore.kv.KvStore;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code put KEY VALUE [--ttl D]}: sets a key. */
@Command(name = "put", description = "Sets KEY to VALUE, creating the store if needed.")
public final class PutCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key (UTF-8; hex digits under --hex).")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value (UTF-8; hex digits under --hex).")
    String value;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Expire the key after this long: 500ms, 30s, 5m, 2h, 7d, 1h30m or PT30S.")
    Duration ttl;

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() {
        byte[] k = ctx().bytesArg(key, "key");
        byte[] v = ctx().bytesArg(value, "value");
        try (KvStore store = ctx().openStore(Access.WRITE)) {
            if (ttl == null) {
                keyspace.of(store).put(k, v);
            } else {
                keyspace.of(store).put(k, v, ttl);
            }
        }
        return 0;
    }
}
