package dev.oxistore.kv.btree;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The engine options of the BTREE engine, read from {@link StoreConfig#engineOptions()}. Every
 * name starts with {@code btree.}; an unknown {@code btree.*} name is rejected so a typo does not
 * pass silently, and options of other engines (other prefixes) are ignored. The module README
 * lists them with their defaults.
 *
 * @param cacheSizeMb       MVStore page cache, in MiB
 * @param pageSplitBytes    size at which a page with more than one entry is split
 * @param compression       0 none, 1 LZF ("fast"), 2 Deflate ("high")
 * @param autoCommitDelayMs how often buffered writes are committed under {@code Durability.NONE}
 *                          (0: only on flush, close and memory pressure)
 * @param recovery          what to do when the store fails verification on open
 */
record BtreeOptions(int cacheSizeMb, int pageSplitBytes, int compression, int autoCommitDelayMs, Recovery recovery) {

    static final String CACHE_SIZE_MB = "btree.cacheSizeMb";
    static final String PAGE_SPLIT_BYTES = "btree.pageSplitBytes";
    static final String COMPRESSION = "btree.compression";
    static final String AUTO_COMMIT_DELAY_MS = "btree.autoCommitDelayMs";
    static final String RECOVERY = "btree.recovery";

    private static final Set<String> NAMES = Set.of(CACHE_SIZE_MB, PAGE_SPLIT_BYTES, COMPRESSION,
            AUTO_COMMIT_DELAY_MS, RECOVERY);

    /** What an open does with a store that fails verification. */
    enum Recovery {
        /** Raise {@link dev.oxistore.kv.CorruptionException} (the default). */
        FAIL,
        /** Roll back to the newest version that verifies, keep a copy of the damaged file, and report. */
        ROLLBACK
    }

    static BtreeOptions from(StoreConfig config) {
        Map<String, String> all = config.engineOptions();
        for (String name : all.keySet()) {
            if (name.startsWith("btree.") && !NAMES.contains(name)) {
                throw new InvalidArgumentException("unknown BTREE engine option '" + name + "': use one of "
                        + NAMES.stream().sorted().toList());
            }
        }
        int cache = intOption(all, CACHE_SIZE_MB, 16, 1, 1 << 20);
        int split = intOption(all, PAGE_SPLIT_BYTES, 16 * 1024, 512, 64 << 20);
        int compression = switch (all.getOrDefault(COMPRESSION, "none").toLowerCase(Locale.ROOT)) {
            case "none" -> 0;
            case "fast", "lzf" -> 1;
            case "high", "deflate" -> 2;
            default -> throw new InvalidArgumentException("engine option " + COMPRESSION + " must be none, fast (LZF) or high (Deflate), got '"
                    + all.get(COMPRESSION) + "'");
        };
        int delay = intOption(all, AUTO_COMMIT_DELAY_MS, 1000, 0, 3_600_000);
        Recovery recovery = switch (all.getOrDefault(RECOVERY, "fail").toLowerCase(Locale.ROOT)) {
            case "fail" -> Recovery.FAIL;
            case "rollback" -> Recovery.ROLLBACK;
            default -> throw new InvalidArgumentException("engine option " + RECOVERY + " must be fail or rollback, got '"
                    + all.get(RECOVERY) + "'");
        };
        return new BtreeOptions(cache, split, compression, delay, recovery);
    }

    private static int intOption(Map<String, String> all, String name, int dflt, int min, int max) {
        String raw = all.get(name);
        if (raw == null) {
            return dflt;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("engine option " + name + " must be an integer, got '" + raw + "'", e);
        }
        if (value < min || value > max) {
            throw new InvalidArgumentException("engine option " + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
