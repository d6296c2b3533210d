/**
 * The {@code bench} command: a YCSB-style load phase and run phase against one engine, with
 * keys, values and the whole operation sequence prepared before the clock starts, per-operation
 * latencies in HdrHistogram, a live progress bar and a result table.
 */
package dev.oxistore.cli.bench;
