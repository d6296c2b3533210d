package dev.oxistore.blob;

import dev.oxistore.kv.CorruptionException;
import java.io.Serial;

/**
 * Bytes read back do not hash to the digest they were stored under (bit rot, a damaged disk, a
 * file changed behind the store's back). Raised by the stream of
 * {@link BlobStore#getContent(String)} when it reaches the end, so a consumer that read the whole
 * stream without this exception got exactly the bytes that were stored.
 */
public final class ChecksumMismatchException extends CorruptionException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /** Creates the exception for the expected and the computed SHA-256 (lower-case hex). */
    public ChecksumMismatchException(String what, String expected, String actual) {
        super(what + ": SHA-256 of the bytes read is " + actual + ", expected " + expected
                + "; the stored copy is damaged: restore it from a backup or put the content again");
        this.expected = expected;
        this.actual = actual;
    }

    /** The digest the content was stored under. */
    public String expected() {
        return expected;
    }

    /** The digest of the bytes actually read. */
    public String actual() {
        return actual;
    }
}
