/**
 * JMH benchmarks of {@code oxistore-blob}: local puts and gets of 1 MiB and 256 MiB objects
 * against {@link java.nio.file.Files#copy} of the same bytes, in the same run.
 */
package dev.oxistore.bench.blob;
