/**
 * JMH micro-benchmarks of hot paths: key comparison, a cursor step on the MEMORY and BTREE
 * engines, the block codecs, our codecs side by side with aircompressor's Java codecs
 * ({@code CodecCompareBench}), and XChaCha20-Poly1305 and {@code EncryptedKvStore} against the
 * JDK's cipher and an unencrypted store ({@code EncryptBench}). Run them with
 * {@code ./oxistore-bench.sh jmh} (JMH options follow, e.g.
 * {@code ./oxistore-bench.sh jmh BytesCompare -f 1}).
 */
package dev.oxistore.bench.jmh;
