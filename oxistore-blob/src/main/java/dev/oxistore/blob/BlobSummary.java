package dev.oxistore.blob;

import java.time.Instant;

/**
 * One object in a {@link BlobPage}: what cloud listings return without a request per object.
 *
 * @param key the key
 * @param size the length in bytes
 * @param etag the current ETag
 * @param modified when this version was written
 */
public record BlobSummary(String key, long size, String etag, Instant modified) {
}
