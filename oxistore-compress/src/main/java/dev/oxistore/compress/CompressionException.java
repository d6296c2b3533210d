package dev.oxistore.compress;

/**
 * Root of the unchecked exceptions thrown by codecs. Every failure of a codec call is one of the
 * four subclasses; a decoder never lets an {@link ArrayIndexOutOfBoundsException} or any other
 * runtime exception escape for bad input.
 */
public abstract sealed class CompressionException extends RuntimeException
        permits CorruptInputException, OutputTooSmallException, UnsupportedFeatureException,
                CodecArgumentException {

    private static final long serialVersionUID = 1L;

    private final String codec;

    CompressionException(String codec, String message, Throwable cause) {
        super(codec + ": " + message, cause);
        this.codec = codec;
    }

    /** The name of the codec that raised this exception (see {@link Codec#name()}). */
    public String codec() {
        return codec;
    }
}
