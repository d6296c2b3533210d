package dev.oxistore.compress;

/**
 * A caller error: a null array or segment, an offset or length outside its array, an unknown codec
 * name or id, or an out-of-range option such as a compression level.
 */
public final class CodecArgumentException extends CompressionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} says which argument is wrong and what is allowed. */
    public CodecArgumentException(String codec, String message) {
        super(codec, message, null);
    }
}
