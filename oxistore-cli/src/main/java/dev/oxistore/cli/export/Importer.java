package dev.oxistore.cli.export;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Reads {@link ExportFormat} into a store line by line, writing atomic batches of at most
 * {@value #BATCH_ENTRIES} entries (or about {@value #BATCH_BYTES} bytes), so memory use does not
 * grow with the file. Existing keys are overwritten; an entry whose expiry has passed is skipped.
 * A file cut short (no {@code end} line) is reported after the entries before the cut are written.
 */
public final class Importer {

    static final int BATCH_ENTRIES = 1000;
    static final int BATCH_BYTES = 4 << 20;

    /**
     * What an import did.
     *
     * @param imported  entries written
     * @param expired   entries skipped because their expiry had passed
     * @param keyspaces keyspaces that received entries
     */
    public record Summary(long imported, long expired, Set<String> keyspaces) {
    }

    private Importer() {
    }

    /**
     * Imports {@code in} (read as ISO-8859-1, so every byte is one char) into {@code store},
     * calling {@code progress} with 1 per entry line.
     *
     * @throws ExportFormatException for a malformed file, naming the line
     */
    public static Summary importInto(KvStore store, BufferedReader in, LongConsumer progress) throws IOException {
        String header = in.readLine();
        checkHeader(header);
        boolean ttlCapable = store.capabilities().contains(Capability.TTL);
        WriteBatch batch = new WriteBatch();
        long batchBytes = 0;
        long lineNo = 1;
        long puts = 0;
        long imported = 0;
        long expired = 0;
        String keyspace = null;
        Set<String> keyspaces = new TreeSet<>();
        boolean ended = false;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (ended) {
                throw new ExportFormatException(lineNo, "data after the end line");
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case ExportFormat.KEYSPACE -> {
                    fields(f, 2, 2, lineNo);
                    try {
                        keyspace = Checks.keyspaceName(f[1]);
                    } catch (InvalidArgumentException e) {
                        throw new ExportFormatException(lineNo, e.getMessage());
                    }
                }
                case ExportFormat.PUT -> {
                    fields(f, 3, 4, lineNo);
                    if (keyspace == null) {
                        throw new ExportFormatException(lineNo, "a put line before any keyspace line");
                    }
                    puts++;
                    progress.accept(1);
                    byte[] key = ExportFormat.unescape(f[1], lineNo);
                    byte[] value = ExportFormat.unescape(f[2], lineNo);
                    if (key.length == 0) {
                        throw new ExportFormatException(lineNo, "empty key");
                    }
                    if (f.length == 4) {
                        Instant expiry = instant(f[3], lineNo);
                        if (!ttlCapable) {
                            throw new UnsupportedFeatureException(Capability.TTL, "line " + lineNo
                                    + " has an expiry, and the " + store.kind() + " engine has no TTL: import into an engine with TTL");
                        }
                        Duration left = Duration.between(store.config().clock().instant(), expiry);
                        if (left.isNegative() || left.isZero()) {
                            expired++;
                            continue;
                        }
                        batch.put(keyspace, key, value, left);
                    } else {
                        batch.put(keyspace, key, value);
                    }
                    keyspaces.add(keyspace);
                    imported++;
                    batchBytes += key.length + value.length;
                    if (batch.size() >= BATCH_ENTRIES || batchBytes >= BATCH_BYTES) {
                        store.write(batch);
                        batch.clear();
                        batchBytes = 0;
                    }
                }
                case ExportFormat.END -> {
                    fields(f, 2, 2, lineNo);
                    long count;
                    try {
                        count = Long.parseLong(f[1]);
                    } catch (NumberFormatException e) {
                        throw new ExportFormatException(lineNo, "the end line's count '" + f[1] + "' is not a number");
                    }
                    if (count != puts) {
                        throw new ExportFormatException(lineNo, "the end line counts " + count + " entries but the file has "
                                + puts + ": the file is damaged");
                    }
                    ended = true;
                }
                default -> throw new ExportFormatException(lineNo, "unknown record '" + f[0]
                        + "': format " + ExportFormat.VERSION + " has keyspace, put and end lines");
            }
        }
        if (!batch.isEmpty()) {
            store.write(batch);
        }
        if (!ended) {
            throw new ExportFormatException("the file ends without its 'end' line, so it was cut short; the "
                    + imported + " entries before the cut were imported");
        }
        return new Summary(imported, expired, keyspaces);
    }

    private static void checkHeader(String header) {
        String expected = ExportFormat.MAGIC + "\t" + ExportFormat.VERSION;
        if (header == null) {
            throw new ExportFormatException("the file is empty: an export starts with the line '"
                    + ExportFormat.MAGIC + "<TAB>" + ExportFormat.VERSION + "'");
        }
        if (header.equals(expected)) {
            return;
        }
        if (header.startsWith(ExportFormat.MAGIC + "\t")) {
            throw new ExportFormatException(1, "format version '" + header.substring(ExportFormat.MAGIC.length() + 1)
                    + "' is not one this oxistore reads (" + ExportFormat.VERSION + "): import it with a matching oxistore");
        }
        throw new ExportFormatException(1, "not an oxistore export: the first line must be '"
                + ExportFormat.MAGIC + "<TAB>" + ExportFormat.VERSION + "'");
    }

    private static void fields(String[] f, int min, int max, long lineNo) {
        if (f.length < min || f.length > max) {
            throw new ExportFormatException(lineNo, "a " + f[0] + " line has " + (min == max ? min : min + " or " + max)
                    + " TAB-separated fields, this one has " + f.length);
        }
    }

    private static Instant instant(String text, long lineNo) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ExportFormatException(lineNo, "expiry '" + text + "' is not an ISO-8601 UTC instant such as 2030-01-01T00:00:00Z");
        }
    }
}
