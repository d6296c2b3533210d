package dev.oxistore.cli.export;

import java.io.Serial;

/** An export file that does not follow {@link ExportFormat}; the message names the line. */
public final class ExportFormatException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A problem on line {@code line} (1-based). */
    public ExportFormatException(long line, String message) {
        super("line " + line + ": " + message);
    }

    /** A problem with the file as a whole. */
    public ExportFormatException(String message) {
        super(message);
    }
}
