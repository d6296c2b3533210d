package dev.oxistore.blob;

/**
 * A part stored by {@link BlobStore#uploadPart}; pass it back to
 * {@link BlobStore#completeMultipart(MultipartUpload, java.util.List)}.
 *
 * @param partNumber the part number, 1 to {@value BlobStore#MAX_PARTS}
 * @param etag the tag of this upload of the part (uploading the same number again gives a new one)
 * @param size the part's length in bytes
 */
public record UploadedPart(int partNumber, String etag, long size) {
}
