/**
 * The store commands ({@code put}, {@code get}, {@code scan}, ...) and what they share: the
 * {@link dev.oxistore.cli.command.CliContext} they run in, the {@link dev.oxistore.cli.command.StoreOpener}
 * that tests replace, and how bytes are read from and written to the command line.
 */
package dev.oxistore.cli.command;
