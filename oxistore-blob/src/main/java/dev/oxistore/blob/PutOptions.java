package dev.oxistore.blob;

import dev.oxistore.kv.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an object is written: its content type and user metadata, the {@link Precondition} checked
 * atomically before it replaces the current object, and whether the backend computes its SHA-256.
 * Immutable; start from {@link #defaults()} and derive with the {@code with...} methods.
 *
 * <p>Portable limits (what S3, Azure and GCS all accept): metadata names are 1 to 64 characters of
 * {@code a-z}, {@code 0-9} and {@code _}, starting with a letter; values are printable ASCII; names
 * and values together take at most {@value #MAX_METADATA_BYTES} bytes; the content type is at most
 * 256 printable ASCII characters.
 *
 * @param contentType the MIME type
 * @param userMetadata the user metadata
 * @param precondition the condition checked before the write
 * @param computeSha256 whether to hash the bytes while writing (then {@link BlobMetadata#sha256()} is known)
 */
public record PutOptions(String contentType, Map<String, String> userMetadata, Precondition precondition,
                         boolean computeSha256) {

    /** The content type of an object written without one. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    /** The most bytes user metadata names and values may take together. */
    public static final int MAX_METADATA_BYTES = 2048;

    private static final PutOptions DEFAULTS = new PutOptions(DEFAULT_CONTENT_TYPE, Map.of(), Precondition.none(), true);

    /** Checks every field. */
    public PutOptions {
        if (contentType == null || contentType.isEmpty() || contentType.length() > 256 || !printableAscii(contentType)) {
            throw new InvalidArgumentException("content type must be 1 to 256 printable ASCII characters, got "
                    + (contentType == null ? "null" : "'" + contentType + "'"));
        }
        if (userMetadata == null) {
            throw new InvalidArgumentException("user metadata is null; use Map.of() for none");
        }
        if (precondition == null) {
            throw new InvalidArgumentException("precondition is null; use Precondition.none()");
        }
        int bytes = 0;
        for (Map.Entry<String, String> e : userMetadata.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
                throw new InvalidArgumentException("user metadata name '" + name + "' is not portable: use 1 to 64 "
                        + "characters of a-z, 0-9 and _, starting with a letter");
            }
            if (value == null || !printableAscii(value)) {
                throw new InvalidArgumentException("user metadata value of '" + name + "' must be printable ASCII"
                        + (value == null ? ", got null" : " (encode other text, e.g. as URL-encoded UTF-8)"));
            }
            bytes += name.length() + value.getBytes(StandardCharsets.US_ASCII).length;
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw new InvalidArgumentException("user metadata takes " + bytes + " bytes, over the portable limit of "
                    + MAX_METADATA_BYTES + "; keep large attributes in an object of their own");
        }
        userMetadata = Map.copyOf(userMetadata);
    }

    /** Content type {@value #DEFAULT_CONTENT_TYPE}, no metadata, no precondition, SHA-256 computed. */
    public static PutOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another content type. */
    public PutOptions withContentType(String type) {
        return new PutOptions(type, userMetadata, precondition, computeSha256);
    }

    /** These options with the user metadata replaced by {@code metadata}. */
    public PutOptions withUserMetadata(Map<String, String> metadata) {
        return new PutOptions(contentType, metadata, precondition, computeSha256);
    }

    /** These options with one more user metadata entry. */
    public PutOptions withMetadata(String name, String value) {
        Map<String, String> m = new TreeMap<>(userMetadata);
        m.put(name, value);
        return new PutOptions(contentType, m, precondition, computeSha256);
    }

    /** These options with a precondition. */
    public PutOptions withPrecondition(Precondition p) {
        return new PutOptions(contentType, userMetadata, p, computeSha256);
    }

    /** These options writing only when the key is absent. */
    public PutOptions ifAbsent() {
        return withPrecondition(Precondition.ifAbsent());
    }

    /** These options writing only over the object with ETag {@code etag}. */
    public PutOptions ifMatch(String etag) {
        return withPrecondition(Precondition.ifMatch(etag));
    }

    /** These options with SHA-256 computing switched on or off (off saves CPU on bulk writes). */
    public PutOptions withSha256(boolean compute) {
        return new PutOptions(contentType, userMetadata, precondition, compute);
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
