/**
 * The export format: a versioned, line-oriented text form of a whole store (every keyspace,
 * arbitrary bytes, expiry times) written and read as a stream. The format is specified in
 * {@code docs/export-format.md} and in {@link dev.oxistore.cli.export.ExportFormat}.
 */
package dev.oxistore.cli.export;
