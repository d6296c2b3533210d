/**
 * JMH micro-benchmarks of hot paths: key comparison, a cursor step on the MEMORY and BTREE
 * engines, and the block codecs. Run them with {@code ./oxistore-bench jmh} (JMH options follow,
 * e.g. {@code ./oxistore-bench jmh BytesCompare -f 1}).
 */
package dev.oxistore.bench.jmh;
