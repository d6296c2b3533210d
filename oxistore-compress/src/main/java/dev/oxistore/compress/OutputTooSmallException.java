package dev.oxistore.compress;

/**
 * The destination cannot hold the result: the input decodes to more bytes than the destination
 * (or the caller's limit) allows, or compressed output does not fit. Pass a destination of at least
 * {@link Codec#maxCompressedLength(int)} bytes when compressing, or the known uncompressed size
 * when decompressing. When the caller passed the exact declared size, the input is corrupt.
 */
public final class OutputTooSmallException extends CompressionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} says how much room was needed when that is known. */
    public OutputTooSmallException(String codec, String message) {
        super(codec, message, null);
    }
}
