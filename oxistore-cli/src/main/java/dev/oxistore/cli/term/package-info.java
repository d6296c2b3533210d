/** Terminal output helpers: human-readable numbers and a small progress bar for stderr. */
package dev.oxistore.cli.term;
