package dev.oxistore.compress;

/**
 * The input is (or may be) well-formed but uses a feature this library does not implement, such as
 * an LZ4 frame dictionary, a Zstandard dictionary that was not supplied, a window larger than the
 * streaming decoder's limit, or a Parquet codec (LZO, Brotli) without an implementation.
 */
public final class UnsupportedFeatureException extends CompressionException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code message} names the feature and what to do instead. */
    public UnsupportedFeatureException(String codec, String message) {
        super(codec, message, null);
    }
}
