/**
 * Benchmark workloads, drawn up front so drawing is never measured, and deterministic for a seed.
 * <ul>
 *   <li>YCSB's core workloads (Cooper et al., SoCC 2010): the A-F operation mixes
 *       ({@link dev.oxistore.workload.Workload}), Zipfian (Gray et al., "Quickly generating
 *       billion-record synthetic databases", SIGMOD 1994), scrambled Zipfian, skewed-latest and
 *       uniform key choice, and a {@link dev.oxistore.workload.Plan} of a whole run.</li>
 *   <li>db_bench's fixed-size keys ({@link dev.oxistore.workload.Keys}) and its access orders
 *       ({@link dev.oxistore.workload.Order}: sequential, a random permutation, uniform draws
 *       with replacement), and a pool of values ({@link dev.oxistore.workload.Values}).</li>
 * </ul>
 */
package dev.oxistore.workload;
