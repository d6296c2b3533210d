package dev.oxistore.bench.run;

import dev.oxistore.kv.Durability;
import dev.oxistore.workload.Distribution;
import java.util.List;

/**
 * What one run measures and how.
 *
 * @param stores      store names ({@link dev.oxistore.bench.driver.Peers})
 * @param benches     benchmarks to report, run in {@link Bench} order
 * @param keys        keys loaded by the fills (db_bench's {@code --num}, YCSB's recordcount)
 * @param keySize     key size in bytes
 * @param valueSize   value size in bytes
 * @param reads       operations of each read benchmark and each YCSB workload
 * @param writes      overwrites
 * @param syncWrites  fsynced writes of {@code fillsync}
 * @param threads     client threads of the read benchmarks and YCSB (fills use one, as db_bench)
 * @param missRatio   share of {@code readrandom}'s reads that ask for absent keys
 * @param maxSeconds  time cap of each benchmark in seconds (0: none): fewer operations are reported;
 *                    fillrandom and ycsb-load, which load what later benchmarks read, are never capped
 * @param warmups     repetitions run first and not reported, to let the JIT compile every store's code
 * @param repetitions repetitions of the whole matrix; reports give medians
 * @param seed        seed of keys, values and every order and plan
 * @param durability  durability of every write except fillsync's
 * @param distribution YCSB key distribution for every workload, or null for each workload's own
 *                    (scrambled Zipfian, theta 0.99; latest for D)
 */
public record BenchConfig(List<String> stores, List<Bench> benches, int keys, int keySize, int valueSize, int reads,
                          int writes, int syncWrites, int threads, double missRatio, double maxSeconds, int warmups, int repetitions,
                          long seed, Durability durability, Distribution distribution) {

    /** Checks the ranges. */
    public BenchConfig {
        stores = List.copyOf(stores);
        benches = List.copyOf(benches);
        require(!stores.isEmpty(), "name at least one store");
        require(!benches.isEmpty(), "name at least one benchmark");
        require(keys >= 1, "--keys must be at least 1");
        require(keySize >= 16 && keySize <= 1024, "--key-size must be between 16 and 1024");
        require(valueSize >= 0 && valueSize <= 1 << 20, "--value-size must be between 0 and 1 MiB");
        require(reads >= 0 && writes >= 0 && syncWrites >= 0, "operation counts must be >= 0");
        require(threads >= 1 && threads <= 256, "--threads must be between 1 and 256");
        require(missRatio >= 0 && missRatio <= 1, "--miss-ratio must be between 0 and 1");
        require(maxSeconds >= 0, "--max-seconds must be >= 0");
        require(repetitions >= 1, "--repetitions must be at least 1");
        require(warmups >= 0, "--warmups must be >= 0");
        require((long) keys + 2L * reads < Integer.MAX_VALUE / 2, "--keys and --reads are too large");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
