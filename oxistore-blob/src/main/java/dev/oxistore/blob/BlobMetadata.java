package dev.oxistore.blob;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link BlobStore#head(String)} tells about one object version.
 *
 * @param key the key
 * @param size the length in bytes
 * @param etag an opaque tag that changes with every write of the key (each put, copy or completed
 *             multipart upload gets a new one, even for equal bytes); use it with
 *             {@link Precondition#ifMatch(String)}
 * @param contentType the MIME type given at put time, by default {@value PutOptions#DEFAULT_CONTENT_TYPE}
 * @param userMetadata the user metadata given at put time (names in lower case)
 * @param created when the key was first written (kept by overwrites and copies onto it)
 * @param modified when this version was written
 * @param sha256 the SHA-256 of the bytes in lower-case hex, when the backend computed it
 */
public record BlobMetadata(String key, long size, String etag, String contentType, Map<String, String> userMetadata,
                           Instant created, Instant modified, Optional<String> sha256) {

    /** Copies the map. */
    public BlobMetadata {
        userMetadata = Map.copyOf(userMetadata);
    }

    /** The short form used in listings. */
    public BlobSummary summary() {
        return new BlobSummary(key, size, etag, modified);
    }
}
