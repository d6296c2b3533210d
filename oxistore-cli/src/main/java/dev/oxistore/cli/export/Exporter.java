package dev.oxistore.cli.export;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Writes a store in {@link ExportFormat}, one entry at a time from cursors, so memory use does not
 * grow with the store. Reads come from one snapshot when the engine has them, so the export is a
 * consistent point in time.
 */
public final class Exporter {

    private Exporter() {
    }

    /**
     * Writes every live entry of every keyspace of {@code store} to {@code out} (which the caller
     * closes), calling {@code progress} with 1 per entry written.
     *
     * @return the number of entries written
     */
    public static long export(KvStore store, Writer out, LongConsumer progress) throws IOException {
        InstantSource clock = store.config().clock();
        Set<Capability> caps = store.capabilities();
        boolean ttl = caps.contains(Capability.TTL);
        out.write(ExportFormat.MAGIC + "\t" + ExportFormat.VERSION + "\n");
        out.write("# from a " + store.kind() + " store, " + clock.instant() + "\n");
        long written = 0;
        try (KvSnapshot snapshot = caps.contains(Capability.SNAPSHOTS) ? store.snapshot() : null) {
            for (String name : store.keyspaces()) {
                KvReader reader = reader(store, snapshot, name);
                out.write(ExportFormat.KEYSPACE + "\t" + name + "\n");
                try (KvCursor cursor = reader.scan(KeyRange.all())) {
                    while (cursor.hasNext()) {
                        KvEntry e = cursor.next();
                        Instant expiry = null;
                        if (ttl) {
                            Optional<Duration> left = reader.ttl(e.key());
                            if (left.isPresent()) {
                                expiry = expiry(clock, left.get());
                            } else if (!reader.contains(e.key())) {
                                continue; // expired since the cursor read it
                            }
                        }
                        out.write(ExportFormat.PUT + "\t" + ExportFormat.escape(e.key()) + "\t" + ExportFormat.escape(e.value())
                                + (expiry == null ? "" : "\t" + expiry) + "\n");
                        written++;
                        progress.accept(1);
                    }
                }
            }
        }
        out.write(ExportFormat.END + "\t" + written + "\n");
        out.flush();
        return written;
    }

    private static KvReader reader(KvStore store, KvSnapshot snapshot, String name) {
        boolean dflt = KvStore.DEFAULT_KEYSPACE.equals(name);
        if (snapshot != null) {
            return dflt ? snapshot : snapshot.keyspace(name);
        }
        return dflt ? store : store.keyspace(name);
    }

    /** Now plus {@code left}, rounded up to the millisecond so an entry never comes back earlier-expiring. */
    private static Instant expiry(InstantSource clock, Duration left) {
        long millis = left.toMillis() + (left.getNano() % 1_000_000 == 0 ? 0 : 1);
        return Instant.ofEpochMilli(clock.millis() + millis);
    }
}
