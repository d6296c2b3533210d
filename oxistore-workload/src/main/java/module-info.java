/**
 * Benchmark workloads shared by the {@code oxistore bench} command and {@code oxistore-bench}:
 * YCSB's core workloads and key choosers, and db_bench's keys and access orders, all drawn
 * before the clock starts and deterministic for a seed. No dependencies.
 */
module dev.oxistore.workload {
    exports dev.oxistore.workload;
}
