package dev.oxistore.blob;

/**
 * A multipart upload in progress, from {@link BlobStore#initiateMultipart(String, PutOptions)}.
 *
 * @param key the key the object will have
 * @param uploadId the backend's id of the upload
 */
public record MultipartUpload(String key, String uploadId) {
}
