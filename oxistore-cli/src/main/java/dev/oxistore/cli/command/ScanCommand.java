package dev.oxistore.cli.command;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scan}: prints entries of a prefix or a key range, one per line. */
@Command(name = "scan",
        description = {"Prints the entries of a keyspace in key order, one 'KEY<TAB>VALUE' line each.",
                "With no range option it prints every entry."})
public final class ScanCommand extends StoreCommand {

    @Option(names = "--prefix", paramLabel = "P", description = "Only keys that start with P.")
    String prefix;

    @Option(names = "--from", paramLabel = "A", description = "Only keys >= A.")
    String from;

    @Option(names = "--to", paramLabel = "B", description = "Only keys < B.")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N entries.")
    Long limit;

    @Option(names = "--reverse", description = "Descending key order.")
    boolean reverse;

    @Option(names = "--keys-only", description = "Print keys without values.")
    boolean keysOnly;

    @Option(names = "--format", paramLabel = "utf8|hex", defaultValue = "utf8",
            description = "Print keys and values as escaped UTF-8 text or as hex (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() {
        KeyRange range = range();
        if (limit != null && limit < 0) {
            throw usage("--limit must be 0 or more, got " + limit);
        }
        long max = limit == null ? Long.MAX_VALUE : limit;
        PrintWriter out = out();
        try (KvStore store = ctx().openStore(Access.READ);
             KvCursor cursor = keyspace.of(store).scan(range)) {
            for (long n = 0; n < max && cursor.hasNext(); n++) {
                KvEntry e = cursor.next();
                out.println(keysOnly ? format.render(e.key()) : format.render(e.key()) + "\t" + format.render(e.value()));
                if ((n & 1023) == 1023 && out.checkError()) {
                    break; // stdout is gone (e.g. "| head" has what it wanted): stop reading the store
                }
            }
        }
        return 0;
    }

    private KeyRange range() {
        if (prefix != null && (from != null || to != null)) {
            throw usage("--prefix cannot be combined with --from or --to");
        }
        KeyRange range;
        if (prefix != null) {
            range = KeyRange.prefix(ctx().bytesArg(prefix, "prefix"));
        } else if (from != null && to != null) {
            range = KeyRange.between(ctx().bytesArg(from, "--from"), ctx().bytesArg(to, "--to"));
        } else if (from != null) {
            range = KeyRange.atLeast(ctx().bytesArg(from, "--from"));
        } else if (to != null) {
            range = KeyRange.lessThan(ctx().bytesArg(to, "--to"));
        } else {
            range = KeyRange.all();
        }
        return reverse ? range.reversed() : range;
    }
}
