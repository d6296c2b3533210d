package dev.oxistore.kv.lsm;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreConfig;
import java.util.Map;
import java.util.Set;

/**
 * The LSM engine's options, read from {@link StoreConfig#engineOptions()} (names start with
 * {@code lsm.}; see the module README for each). Unknown {@code lsm.*} names are rejected;
 * options of other engines are ignored.
 *
 * @param memtableSize        bytes a memtable holds before it is frozen and flushed
 * @param maxImmutables       frozen memtables waiting for flush before writers wait
 * @param l0CompactionTrigger level-0 tables that start a compaction
 * @param l0SlowdownTrigger   level-0 tables at which each write is delayed by 1 ms
 * @param l0StopTrigger       level-0 tables at which writers wait for compaction
 * @param levelBaseBytes      target size of level 1
 * @param levelMultiplier     each deeper level's target is this many times larger
 * @param targetFileSize      compaction cuts output tables at this size
 * @param blockSize           uncompressed bytes per data block
 * @param bloomBitsPerKey     bloom filter bits per key (0 turns filters off)
 * @param maxManifestSize     the manifest is rewritten as one snapshot when it grows past this
 * @param phaseTrace          test hook: print {@code PHASE <name> BEGIN|END} lines on stdout
 * @param phasePauseMillis    test hook: pause inside flush and compaction so a kill lands there
 */
public record LsmOptions(long memtableSize, int maxImmutables, int l0CompactionTrigger, int l0SlowdownTrigger,
                  int l0StopTrigger, long levelBaseBytes, int levelMultiplier, long targetFileSize, int blockSize,
                  int bloomBitsPerKey, long maxManifestSize, boolean phaseTrace, int phasePauseMillis) {

    public static final int LEVELS = 7;

    private static final Set<String> NAMES = Set.of("lsm.memtableSize", "lsm.maxImmutables", "lsm.l0CompactionTrigger",
            "lsm.l0SlowdownTrigger", "lsm.l0StopTrigger", "lsm.levelBaseBytes", "lsm.levelMultiplier",
            "lsm.targetFileSize", "lsm.blockSize", "lsm.bloomBitsPerKey", "lsm.maxManifestSize", "lsm.phaseTrace",
            "lsm.phasePauseMillis");

    static LsmOptions from(StoreConfig config) {
        Map<String, String> o = config.engineOptions();
        for (String name : o.keySet()) {
            if (name.startsWith("lsm.") && !NAMES.contains(name)) {
                throw new InvalidArgumentException("unknown LSM engine option '" + name + "': use one of " + NAMES);
            }
        }
        int l0Trigger = (int) num(o, "lsm.l0CompactionTrigger", 4, 1, 1000);
        int slowdown = (int) num(o, "lsm.l0SlowdownTrigger", Math.max(8, l0Trigger * 2), l0Trigger, 10_000);
        return new LsmOptions(
                num(o, "lsm.memtableSize", 8 << 20, 4096, 1L << 30),
                (int) num(o, "lsm.maxImmutables", 2, 1, 64),
                l0Trigger, slowdown,
                (int) num(o, "lsm.l0StopTrigger", Math.max(12, slowdown + 4), slowdown, 10_000),
                num(o, "lsm.levelBaseBytes", 32 << 20, 4096, 1L << 40),
                (int) num(o, "lsm.levelMultiplier", 10, 2, 100),
                num(o, "lsm.targetFileSize", 4 << 20, 1024, 1L << 32),
                (int) num(o, "lsm.blockSize", 4096, 256, 1 << 20),
                (int) num(o, "lsm.bloomBitsPerKey", 10, 0, 64),
                num(o, "lsm.maxManifestSize", 4 << 20, 1024, 1L << 32),
                Boolean.parseBoolean(o.getOrDefault("lsm.phaseTrace", "false")),
                (int) num(o, "lsm.phasePauseMillis", 0, 0, 60_000));
    }

    private static long num(Map<String, String> o, String name, long def, long min, long max) {
        String raw = o.get(name);
        if (raw == null) {
            return def;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("LSM option " + name + " must be a whole number, got '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new InvalidArgumentException("LSM option " + name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    /** The target size of {@code level} (1 and deeper). */
    long levelTarget(int level) {
        long t = levelBaseBytes;
        for (int i = 1; i < level; i++) {
            t *= levelMultiplier;
        }
        return t;
    }
}
