package dev.oxistore.blob;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link BlobStore#list(String, String, String, int)}.
 *
 * @param blobs the objects of this page in key order ({@link BlobKeys#ORDER})
 * @param commonPrefixes with a delimiter: the prefixes that group further keys (each ends with the
 *                       delimiter), in key order; empty without a delimiter
 * @param nextPageToken the token for the next page, or empty when the listing is complete
 */
public record BlobPage(List<BlobSummary> blobs, List<String> commonPrefixes, Optional<String> nextPageToken) {

    /** Copies the lists. */
    public BlobPage {
        blobs = List.copyOf(blobs);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    /** True when another page may follow. */
    public boolean hasMore() {
        return nextPageToken.isPresent();
    }
}
