package dev.oxistore.cli.command;

/** How a command will use the store it opens. */
public enum Access {
    /** Reads only: the store must exist, and is opened read-only where the engine allows. */
    READ,
    /** Changes an existing store: a missing store is an error, not created. */
    MODIFY,
    /** Writes: a missing store is created. */
    WRITE
}
