package dev.oxistore.cli.command;

import java.io.Serial;

/** A failure a command reports as one line on stderr, with the exit code to end with. */
public final class CliException extends RuntimeException {

    /** Exit code for a store or data error. */
    public static final int FAILURE = 1;
    /** Exit code for bad usage: unknown options, missing arguments, conflicting options. */
    public static final int USAGE = 2;

    @Serial
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with exit code {@link #FAILURE}. */
    public CliException(String message) {
        this(message, FAILURE, null);
    }

    /** A failure with an exit code and the cause (shown under {@code --verbose}). */
    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
