package dev.oxistore.cli.command;

import dev.oxistore.cli.term.Units;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code info}: engine, path, size, keys per keyspace, capabilities and metrics. */
@Command(name = "info",
        description = "Prints the store's engine, path, size on disk, keys per keyspace, capabilities and metrics.")
public final class InfoCommand extends StoreCommand {

    @Override
    public Integer call() {
        PrintWriter out = out();
        try (KvStore store = ctx().openStore(Access.READ)) {
            row(out, "engine", store.kind().name().toLowerCase(Locale.ROOT));
            row(out, "path", store.path().map(p -> p.toAbsolutePath().toString()).orElse("(in memory)"));
            long size = store.sizeOnDisk();
            row(out, "size on disk", Units.bytes(size) + (size >= 1024 ? " (" + Units.count(size) + " bytes)" : ""));
            long total = 0;
            StringJoiner perKeyspace = new StringJoiner(", ");
            for (String name : store.keyspaces()) {
                long n = KeyspaceOption.keyspace(store, name).count();
                total += n;
                perKeyspace.add(name + " " + Units.count(n));
            }
            row(out, "keys", Units.count(total) + " (" + perKeyspace + ")");
            row(out, "capabilities", store.capabilities().stream().sorted()
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).reduce((a, b) -> a + ", " + b).orElse("(none)"));
            StoreMetrics m = store.metrics();
            row(out, "metrics", "reads " + m.reads() + ", writes " + m.writes() + ", deletes " + m.deletes()
                    + ", scans " + m.scans() + ", commits " + m.commits() + ", conflicts " + m.conflicts()
                    + ", expired " + m.expired() + " (since this open)");
            for (Map.Entry<String, Long> e : new TreeMap<>(m.engine()).entrySet()) {
                row(out, "  " + e.getKey(), Units.count(e.getValue()));
            }
        }
        return 0;
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-14s %s%n", name, value);
    }
}
