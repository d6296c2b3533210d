package dev.oxistore.compress;

/**
 * The compressed input is malformed, truncated, fails a checksum, or decodes to something other
 * than its header declares. The input cannot be decoded; retrying will not help.
 */
public final class CorruptInputException extends CompressionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} says what is wrong with the input. */
    public CorruptInputException(String codec, String message) {
        super(codec, message, null);
    }

    /** Creates the exception with the low-level cause (e.g. a {@code java.util.zip} error). */
    public CorruptInputException(String codec, String message, Throwable cause) {
        super(codec, message, cause);
    }
}
