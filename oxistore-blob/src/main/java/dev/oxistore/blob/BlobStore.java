package dev.oxistore.blob;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * An asynchronous store of objects ("blobs") under string keys, with the semantics of cloud
 * object storage (S3, Azure Blob, GCS), so code written against one backend runs on another.
 *
 * <h2>Rules every backend follows</h2>
 * <ul>
 *   <li><b>Futures, never throws.</b> Every method returns at once with a {@link CompletableFuture};
 *       every failure, bad arguments included, completes it exceptionally with a
 *       {@link dev.oxistore.kv.StoreException} (see the package documentation for which).</li>
 *   <li><b>Keys</b> follow {@link BlobKeys}; a key that breaks them fails with
 *       {@link InvalidKeyException} on every backend.</li>
 *   <li><b>Atomic objects.</b> A write is all or nothing: a reader sees the old object or the new
 *       one, never a mix or a prefix, and a failed or interrupted write leaves the old object.
 *       Of concurrent writes to one key, the one that commits last wins.</li>
 *   <li><b>Read-after-write.</b> Once a write's future completes, every later read, head and
 *       list sees it (or a later write).</li>
 *   <li><b>Stable reads.</b> An {@link InputStream} from {@link #openStream} reads the version that
 *       was current when its future completed, even if the key is overwritten or deleted while it
 *       is read. The caller closes it.</li>
 *   <li><b>Bounded memory.</b> Streaming puts, gets and multipart uploads hold a bounded number of
 *       buffers, whatever the object's size.</li>
 *   <li><b>Input streams are not closed</b> by the store; they are read to their end (or, for a
 *       part, to its declared length).</li>
 *   <li><b>Missing objects</b>: reads fail with {@link dev.oxistore.kv.NotFoundException};
 *       {@link #head} gives an empty optional; {@link #delete} gives false.</li>
 *   <li><b>Listing</b> is in key order ({@link BlobKeys#ORDER}) and paginated with an opaque token
 *       that means "after this position", so keys written or deleted during a listing never make
 *       a page repeat or skip a key that existed throughout.</li>
 *   <li><b>After {@link #close()}</b> every call fails with {@link dev.oxistore.kv.StoreClosedException};
 *       streams already opened stay readable.</li>
 * </ul>
 */
public interface BlobStore extends AutoCloseable {

    /** The most parts a multipart upload may have. */
    int MAX_PARTS = 10_000;
    /** The most entries (objects plus common prefixes) one page of a listing holds. */
    int MAX_PAGE_SIZE = 1000;

    // ---- writes ----

    /** Writes {@code data} under {@code key}; completes with the new object's metadata. */
    CompletableFuture<BlobMetadata> put(String key, byte[] data, PutOptions options);

    /**
     * Writes the bytes of {@code in}, read to its end (its length need not be known), under
     * {@code key}, with bounded memory; the stream is not closed.
     */
    CompletableFuture<BlobMetadata> put(String key, InputStream in, PutOptions options);

    /**
     * Writes the buffers {@code body} publishes, until it completes, under {@code key}; the store
     * requests one buffer at a time, so memory stays bounded. An error from the publisher fails the
     * put and leaves the old object.
     */
    CompletableFuture<BlobMetadata> put(String key, Flow.Publisher<ByteBuffer> body, PutOptions options);

    /** {@link #put(String, byte[], PutOptions)} with {@link PutOptions#defaults()}. */
    default CompletableFuture<BlobMetadata> put(String key, byte[] data) {
        return put(key, data, PutOptions.defaults());
    }

    /** {@link #put(String, InputStream, PutOptions)} with {@link PutOptions#defaults()}. */
    default CompletableFuture<BlobMetadata> put(String key, InputStream in) {
        return put(key, in, PutOptions.defaults());
    }

    /**
     * Copies the object at {@code source} to {@code target} (content, content type and user
     * metadata; a new ETag), replacing any object there.
     */
    CompletableFuture<BlobMetadata> copy(String source, String target);

    /** Deletes {@code key}; completes with true when an object was there. */
    CompletableFuture<Boolean> delete(String key);

    /**
     * Deletes every object whose key starts with {@code prefix} ({@code ""} for all); completes
     * with the number deleted. Not atomic: objects written under the prefix meanwhile may survive.
     */
    CompletableFuture<Long> deleteAll(String prefix);

    // ---- reads ----

    /**
     * The whole object; fails with {@link dev.oxistore.kv.InvalidArgumentException} for objects
     * over 2 GiB, which must be read with {@link #openStream}.
     */
    CompletableFuture<byte[]> get(String key);

    /** The bytes of {@code range} of the object (cut at its end). */
    CompletableFuture<byte[]> get(String key, ByteRange range);

    /** A stream of the whole object (see "Stable reads" above). */
    default CompletableFuture<InputStream> openStream(String key) {
        return openStream(key, ByteRange.all());
    }

    /** A stream of {@code range} of the object (cut at its end). */
    CompletableFuture<InputStream> openStream(String key, ByteRange range);

    /** The object's metadata, or empty when there is no object under {@code key}. */
    CompletableFuture<java.util.Optional<BlobMetadata>> head(String key);

    /**
     * One page of the objects whose keys start with {@code prefix}, in key order.
     *
     * <p>With a {@code delimiter} (usually {@code "/"}), keys that contain it after the prefix are
     * grouped: the page lists each group once, as a common prefix ending with the delimiter,
     * instead of its objects. A page holds at most {@code min(pageSize, }{@value #MAX_PAGE_SIZE}{@code )}
     * entries (objects plus common prefixes) and may hold fewer even when more follow: follow
     * {@link BlobPage#nextPageToken()} until it is empty.
     *
     * @param prefix {@code ""} for every key, else a prefix following {@link BlobKeys#checkPrefix}
     * @param delimiter null for none, else a non-empty string
     * @param pageToken null for the first page, else the token of the previous page of the same
     *                  prefix and delimiter
     * @param pageSize at least 1
     */
    CompletableFuture<BlobPage> list(String prefix, String delimiter, String pageToken, int pageSize);

    /** Every object under {@code prefix}, following the pages; for listings that fit in memory. */
    default CompletableFuture<List<BlobSummary>> listAll(String prefix) {
        return listAll(prefix, null, new ArrayList<>());
    }

    private CompletableFuture<List<BlobSummary>> listAll(String prefix, String token, List<BlobSummary> into) {
        return list(prefix, null, token, MAX_PAGE_SIZE).thenCompose(page -> {
            into.addAll(page.blobs());
            return page.nextPageToken().isPresent() ? listAll(prefix, page.nextPageToken().get(), into)
                    : CompletableFuture.completedFuture(into);
        });
    }

    // ---- multipart upload ----

    /**
     * Starts a multipart upload to {@code key}. The {@code options} (content type, metadata and
     * precondition, which is checked at completion) apply to the object completion creates.
     */
    CompletableFuture<MultipartUpload> initiateMultipart(String key, PutOptions options);

    /**
     * Stores part {@code partNumber} (1 to {@value #MAX_PARTS}) of {@code upload}: exactly
     * {@code length} bytes read from {@code in}. Parts may be uploaded in any order and in
     * parallel; uploading a number again replaces that part. Every part but the last must be at
     * least {@link #minPartSize()} bytes (checked at completion).
     */
    CompletableFuture<UploadedPart> uploadPart(MultipartUpload upload, int partNumber, InputStream in, long length);

    /** {@link #uploadPart(MultipartUpload, int, InputStream, long)} of a byte array. */
    default CompletableFuture<UploadedPart> uploadPart(MultipartUpload upload, int partNumber, byte[] data) {
        if (data == null) {
            return CompletableFuture.failedFuture(new dev.oxistore.kv.InvalidArgumentException("part data is null"));
        }
        return uploadPart(upload, partNumber, new java.io.ByteArrayInputStream(data), data.length);
    }

    /**
     * Makes the object from {@code parts} (in ascending part number, each as returned by
     * {@link #uploadPart}) atomically, like a put, and ends the upload. Parts uploaded but not
     * listed are discarded. Fails with {@link dev.oxistore.kv.InvalidArgumentException} when a
     * part is missing, was replaced, is out of order or is too small, and with
     * {@link dev.oxistore.kv.NotFoundException} when the upload was completed or aborted.
     */
    CompletableFuture<BlobMetadata> completeMultipart(MultipartUpload upload, List<UploadedPart> parts);

    /** Ends {@code upload} and discards its parts; an unknown or finished upload is left as is. */
    CompletableFuture<Void> abortMultipart(MultipartUpload upload);

    /** The least size of every part of a multipart upload but the last (5 MiB on S3, 1 locally). */
    long minPartSize();

    // ---- content addressing ----

    /**
     * Stores the bytes of {@code in} (read to its end) by their SHA-256 and completes with the
     * digest in lower-case hex. Content already stored is kept once: putting it again stores
     * nothing more. Content lives apart from keyed objects and never shows in {@link #list}.
     */
    CompletableFuture<String> putContent(InputStream in);

    /** {@link #putContent(InputStream)} of a byte array. */
    default CompletableFuture<String> putContent(byte[] data) {
        if (data == null) {
            return CompletableFuture.failedFuture(new dev.oxistore.kv.InvalidArgumentException("content is null"));
        }
        return putContent(new java.io.ByteArrayInputStream(data));
    }

    /**
     * A stream of the content stored under {@code sha256} (64 hex digits) that hashes the bytes as
     * they are read and, at the end, fails with {@link ChecksumMismatchException} if they do not
     * match the digest.
     */
    CompletableFuture<InputStream> getContent(String sha256);

    /** True when content with this digest is stored. */
    CompletableFuture<Boolean> hasContent(String sha256);

    /** Deletes the content with this digest; true when it was there. */
    CompletableFuture<Boolean> deleteContent(String sha256);

    // ---- lifecycle ----

    /**
     * Closes the store: later calls fail with {@link dev.oxistore.kv.StoreClosedException}.
     * Waits for operations already running; streams already opened stay readable. Idempotent.
     */
    @Override
    void close();
}
