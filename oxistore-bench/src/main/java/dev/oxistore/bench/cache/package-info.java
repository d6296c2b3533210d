/**
 * JMH benchmarks of {@code oxistore-cache}: each policy beside Caffeine and a synchronized
 * {@code LinkedHashMap} on Zipfian keys, and reads through a {@code CachedKvStore} over BTREE
 * against uncached BTREE.
 */
package dev.oxistore.bench.cache;
