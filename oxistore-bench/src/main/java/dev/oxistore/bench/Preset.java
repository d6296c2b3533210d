package dev.oxistore.bench;

import dev.oxistore.kv.Durability;
import java.util.List;

/**
 * Named settings for {@code --preset}. Options given on the command line override a preset's.
 *
 * @param name        report name (a preset with several sizes appends each size's suffix)
 * @param sizes       the key count and sizes to run, one report each
 * @param stores      stores, or empty for every store on the class path
 * @param benchmarks  benchmark list as on the command line
 * @param reads       operations per read benchmark and YCSB workload (0: as many as keys)
 * @param syncWrites  fsynced writes of fillsync
 * @param warmups     unreported warm-up repetitions
 * @param repetitions repetitions
 * @param maxSeconds  time cap per benchmark
 * @param pairs       ratio pairs
 * @param durability  durability
 */
record Preset(String name, List<Size> sizes, List<String> stores, String benchmarks, int reads, int syncWrites,
              int warmups, int repetitions, double maxSeconds, List<String> pairs, Durability durability) {

    /** One key count and key/value size, with the suffix its report gets. */
    record Size(String suffix, int keys, int keySize, int valueSize) {
    }

    private static final List<String> PAIRS = List.of("btree/mvstore", "btree/rocksdb", "btree/lmdb", "memory/chm");

    static Preset named(String name) {
        return switch (name) {
            // the whole matrix in under 5 minutes on 2 cores; durability none, or BTREE and MVStore
            // (a commit per write under flush) alone would take that long
            case "quick" -> new Preset("quick", List.of(new Size("", 20_000, 16, 100)), List.of(), "all", 20_000, 100, 1, 3, 5,
                    PAIRS, Durability.NONE);
            // the sizes of the issue and DESIGN.md: 1M x 16 B/100 B, then 10M x 20 B/400 B
            case "full" -> new Preset("full", List.of(new Size("-1m", 1_000_000, 16, 100), new Size("-10m", 10_000_000, 20, 400)),
                    List.of(), "all", 1_000_000, 1000, 0, 3, 120, PAIRS, Durability.FLUSH);
            // issue 3's overhead check: BTREE against the raw MVStore it is built on, same work; 15
            // repetitions because when MVStore's commits fall decides a single fill's ratio (0.6 to
            // 1.5 from one repetition to the next, docs/benchmarks/btree-vs-mvstore-profile.md)
            case "btree-vs-mvstore" -> new Preset("btree-vs-mvstore", List.of(new Size("", 1_000_000, 16, 100)),
                    List.of("btree", "mvstore"), "fillrandom,readrandom", 1_000_000, 0, 1, 15, 0, List.of("btree/mvstore"),
                    Durability.NONE);
            // issue 5: the LSM engine against RocksDB, the engine it stands in for, same work; both write their
            // log without fsync (FLUSH, db_bench's default)
            case "lsm-vs-rocksdb" -> new Preset("lsm-vs-rocksdb", List.of(new Size("", 1_000_000, 16, 100)),
                    List.of("lsm", "rocksdb"), "fillrandom,readrandom", 1_000_000, 0, 1, 3, 0, List.of("lsm/rocksdb"),
                    Durability.FLUSH);
            // a few seconds: a smoke test of every store
            case "smoke" -> new Preset("smoke", List.of(new Size("", 2_000, 16, 100)), List.of(), "all", 2_000, 20, 0, 1, 5,
                    PAIRS, Durability.FLUSH);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': use quick, full, btree-vs-mvstore, lsm-vs-rocksdb or smoke");
        };
    }
}
