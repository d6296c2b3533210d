/**
 * {@code oxistore-bench}: the db_bench/YCSB-style runner ({@link dev.oxistore.bench.BenchMain})
 * that measures our engines and the peers side by side in one process, and the JMH
 * micro-benchmarks ({@code dev.oxistore.bench.jmh}). The only module allowed native and
 * {@code sun.misc.Unsafe} dependencies, for the peers; it is a tool, not a library.
 */
package dev.oxistore.bench;
