/**
 * The {@code oxistore blob} commands: {@code put}, {@code get}, {@code ls}, {@code rm} and
 * {@code stat} on a local blob store ({@link dev.oxistore.OxiStore#openBlob}), with a progress bar
 * for large transfers.
 */
package dev.oxistore.cli.blob;
