/**
 * The {@code oxistore} command: {@link dev.oxistore.cli.OxiStoreCli} holds the global options,
 * lists the commands and turns failures into one line and an exit code.
 */
package dev.oxistore.cli;
