package dev.oxistore.blob.spi;

import dev.oxistore.blob.BlobKeys;
import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobPage;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.BlobSummary;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.UploadedPart;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreException;
import dev.oxistore.kv.StoreIOException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The base of a {@link BlobStore} backend: subclasses implement blocking {@code do...} methods and
 * this class supplies the asynchronous contract around them. It checks every argument (keys,
 * options, part numbers, digests) before a backend sees it, runs the work on an executor (by
 * default one virtual thread per operation), turns {@link IOException}s into
 * {@link StoreIOException}s, refuses calls after {@link #close()}, pages listings with opaque
 * tokens over the backend's sorted key iterator, and wraps content streams in SHA-256 verification.
 *
 * <p>The {@code do...} methods receive checked arguments, run on the executor and may block.
 */
public abstract class AbstractBlobStore implements BlobStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final String TOKEN_KEY = "k";
    private static final String TOKEN_PREFIX = "p";
    /** Sorts after every key that continues a common prefix (the highest code point). */
    private static final String PAST_PREFIX = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final String description;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A store described as {@code description} in messages, running work on virtual threads. */
    protected AbstractBlobStore(String description) {
        this(description, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oxistore-blob-", 0).factory()), true);
    }

    /** A store that runs work on {@code executor} (shut down by {@link #close()} only when {@code owns}). */
    protected AbstractBlobStore(String description, ExecutorService executor, boolean owns) {
        this.description = description;
        this.executor = executor;
        this.ownsExecutor = owns;
    }

    // ---- what a backend implements ----

    /** Writes the bytes of {@code in} (read to the end) under {@code key}, checking the precondition atomically. */
    protected abstract BlobMetadata doPut(String key, InputStream in, PutOptions options) throws IOException;

    /** The metadata of {@code key}, or empty. */
    protected abstract Optional<BlobMetadata> doHead(String key) throws IOException;

    /** A stream of {@code range} (not yet cut to the size) of the current version of {@code key}. */
    protected abstract InputStream doOpen(String key, ByteRange range) throws IOException;

    /** Deletes {@code key}; true when it was there. */
    protected abstract boolean doDelete(String key) throws IOException;

    /** Copies {@code source} to {@code target} with content type and user metadata. */
    protected abstract BlobMetadata doCopy(String source, String target) throws IOException;

    /**
     * The keys that start with {@code prefix} and sort after {@code startAfter} (null: from the
     * first), in {@link BlobKeys#ORDER}, lazily. Keys may vanish before they are read.
     */
    protected abstract Iterator<String> doListKeys(String prefix, String startAfter) throws IOException;

    /** The summary of {@code key} for a listing, or empty when it vanished meanwhile. */
    protected Optional<BlobSummary> doSummary(String key) throws IOException {
        return doHead(key).map(BlobMetadata::summary);
    }

    /** Starts a multipart upload. */
    protected abstract MultipartUpload doInitiateMultipart(String key, PutOptions options) throws IOException;

    /** Stores exactly {@code length} bytes of {@code in} as a part. */
    protected abstract UploadedPart doUploadPart(MultipartUpload upload, int partNumber, InputStream in, long length)
            throws IOException;

    /** Completes an upload from parts in strictly ascending order (checked). */
    protected abstract BlobMetadata doCompleteMultipart(MultipartUpload upload, List<UploadedPart> parts) throws IOException;

    /** Aborts an upload; nothing when unknown. */
    protected abstract void doAbortMultipart(MultipartUpload upload) throws IOException;

    /** Stores content by digest; returns the lower-case hex SHA-256. */
    protected abstract String doPutContent(InputStream in) throws IOException;

    /** The raw bytes stored for {@code sha256} (verified by the caller), or NotFoundException. */
    protected abstract InputStream doOpenContent(String sha256) throws IOException;

    /** True when content {@code sha256} is stored. */
    protected abstract boolean doHasContent(String sha256) throws IOException;

    /** Deletes content {@code sha256}; true when it was there. */
    protected abstract boolean doDeleteContent(String sha256) throws IOException;

    /** Releases the backend's resources; called once, after running operations finished. */
    protected abstract void doClose() throws IOException;

    // ---- the contract ----

    @Override
    public CompletableFuture<BlobMetadata> put(String key, byte[] data, PutOptions options) {
        return async("put " + key, () -> {
            BlobKeys.checkKey(key);
            notNull(data, "data");
            notNull(options, "options");
            return doPut(key, new ByteArrayInputStream(data), options);
        });
    }

    @Override
    public CompletableFuture<BlobMetadata> put(String key, InputStream in, PutOptions options) {
        return async("put " + key, () -> {
            BlobKeys.checkKey(key);
            notNull(in, "input stream");
            notNull(options, "options");
            return doPut(key, in, options);
        });
    }

    @Override
    public CompletableFuture<BlobMetadata> put(String key, Flow.Publisher<ByteBuffer> body, PutOptions options) {
        return async("put " + key, () -> {
            BlobKeys.checkKey(key);
            notNull(body, "body publisher");
            notNull(options, "options");
            try (PublisherInputStream in = new PublisherInputStream(body)) {
                return doPut(key, in, options);
            }
        });
    }

    @Override
    public CompletableFuture<BlobMetadata> copy(String source, String target) {
        return async("copy " + source + " to " + target, () -> {
            BlobKeys.checkKey(source);
            BlobKeys.checkKey(target);
            return doCopy(source, target);
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return async("delete " + key, () -> doDelete(BlobKeys.checkKey(key)));
    }

    @Override
    public CompletableFuture<Long> deleteAll(String prefix) {
        return async("deleteAll " + prefix, () -> {
            BlobKeys.checkPrefix(prefix);
            long n = 0;
            for (Iterator<String> it = doListKeys(prefix, null); it.hasNext(); ) {
                if (doDelete(it.next())) {
                    n++;
                }
            }
            return n;
        });
    }

    @Override
    public CompletableFuture<byte[]> get(String key) {
        return get(key, ByteRange.all());
    }

    @Override
    public CompletableFuture<byte[]> get(String key, ByteRange range) {
        return async("get " + key, () -> {
            BlobKeys.checkKey(key);
            notNull(range, "range");
            try (InputStream in = doOpen(key, range)) {
                byte[] bytes = in.readNBytes(MAX_ARRAY);
                if (in.read() >= 0) {
                    throw new InvalidArgumentException("'" + key + "' is over 2 GiB, too big for one array: read it with openStream()");
                }
                return bytes;
            }
        });
    }

    @Override
    public CompletableFuture<InputStream> openStream(String key, ByteRange range) {
        return async("open " + key, () -> {
            BlobKeys.checkKey(key);
            notNull(range, "range");
            return doOpen(key, range);
        });
    }

    @Override
    public CompletableFuture<Optional<BlobMetadata>> head(String key) {
        return async("head " + key, () -> doHead(BlobKeys.checkKey(key)));
    }

    @Override
    public CompletableFuture<BlobPage> list(String prefix, String delimiter, String pageToken, int pageSize) {
        return async("list " + prefix, () -> {
            BlobKeys.checkPrefix(prefix);
            if (delimiter != null && delimiter.isEmpty()) {
                throw new InvalidArgumentException("the delimiter is empty; use null for none or \"/\" for directories");
            }
            if (pageSize < 1) {
                throw new InvalidArgumentException("page size must be at least 1, got " + pageSize);
            }
            return page(prefix, delimiter, pageToken, Math.min(pageSize, MAX_PAGE_SIZE));
        });
    }

    private BlobPage page(String prefix, String delimiter, String pageToken, int limit) throws IOException {
        String startAfter = null;
        String skip = null;
        if (pageToken != null) {
            String decoded = decodeToken(pageToken);
            startAfter = decoded.substring(1);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                skip = startAfter;
                startAfter = startAfter + PAST_PREFIX;
            }
        }
        List<BlobSummary> blobs = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean more = false;
        Iterator<String> it = doListKeys(prefix, startAfter);
        while (it.hasNext()) {
            String key = it.next();
            if (!key.startsWith(prefix) || (skip != null && key.startsWith(skip))) {
                continue;
            }
            int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                if (blobs.size() + prefixes.size() == limit) {
                    more = true;
                    break;
                }
                skip = key.substring(0, cut + delimiter.length());
                prefixes.add(skip);
                last = TOKEN_PREFIX + skip;
                // Jump past the group rather than walk its keys.
                it = doListKeys(prefix, skip + PAST_PREFIX);
                continue;
            }
            Optional<BlobSummary> summary = doSummary(key);
            if (summary.isEmpty()) {
                continue;
            }
            if (blobs.size() + prefixes.size() == limit) {
                more = true;
                break;
            }
            blobs.add(summary.get());
            last = TOKEN_KEY + key;
        }
        return new BlobPage(blobs, prefixes, more ? Optional.of(encodeToken(last)) : Optional.empty());
    }

    private static String encodeToken(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (raw.length() > 1 && (raw.startsWith(TOKEN_KEY) || raw.startsWith(TOKEN_PREFIX))) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidArgumentException("page token '" + token + "' is not one this store gave; pass the "
                + "nextPageToken of the previous page unchanged, or null for the first page");
    }

    @Override
    public CompletableFuture<MultipartUpload> initiateMultipart(String key, PutOptions options) {
        return async("initiate multipart upload of " + key, () -> {
            BlobKeys.checkKey(key);
            notNull(options, "options");
            return doInitiateMultipart(key, options);
        });
    }

    @Override
    public CompletableFuture<UploadedPart> uploadPart(MultipartUpload upload, int partNumber, InputStream in, long length) {
        return async("upload part " + partNumber, () -> {
            checkUpload(upload);
            checkPartNumber(partNumber);
            notNull(in, "input stream");
            if (length < 0) {
                throw new InvalidArgumentException("part length must be >= 0, got " + length);
            }
            return doUploadPart(upload, partNumber, in, length);
        });
    }

    @Override
    public CompletableFuture<BlobMetadata> completeMultipart(MultipartUpload upload, List<UploadedPart> parts) {
        return async("complete multipart upload", () -> {
            checkUpload(upload);
            if (parts == null || parts.isEmpty()) {
                throw new InvalidArgumentException("a multipart upload completes with at least one part, in ascending part number");
            }
            int previous = 0;
            for (int i = 0; i < parts.size(); i++) {
                UploadedPart p = notNull(parts.get(i), "part");
                checkPartNumber(p.partNumber());
                if (p.partNumber() <= previous) {
                    throw new InvalidArgumentException("parts must be listed in strictly ascending part number; part "
                            + p.partNumber() + " follows part " + previous);
                }
                if (i < parts.size() - 1 && p.size() < minPartSize()) {
                    throw new InvalidArgumentException("part " + p.partNumber() + " has " + p.size() + " bytes; every part but "
                            + "the last needs at least " + minPartSize() + " bytes on this store");
                }
                previous = p.partNumber();
            }
            return doCompleteMultipart(upload, List.copyOf(parts));
        });
    }

    @Override
    public CompletableFuture<Void> abortMultipart(MultipartUpload upload) {
        return async("abort multipart upload", () -> {
            checkUpload(upload);
            doAbortMultipart(upload);
            return null;
        });
    }

    @Override
    public CompletableFuture<String> putContent(InputStream in) {
        return async("put content", () -> doPutContent(notNull(in, "input stream")));
    }

    @Override
    public CompletableFuture<InputStream> getContent(String sha256) {
        return async("get content " + sha256, () -> {
            String digest = checkDigest(sha256);
            return new VerifyingInputStream(doOpenContent(digest), "content " + digest, digest);
        });
    }

    @Override
    public CompletableFuture<Boolean> hasContent(String sha256) {
        return async("has content " + sha256, () -> doHasContent(checkDigest(sha256)));
    }

    @Override
    public CompletableFuture<Boolean> deleteContent(String sha256) {
        return async("delete content " + sha256, () -> doDeleteContent(checkDigest(sha256)));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ownsExecutor) {
            executor.shutdown();
            try {
                while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                    // Operations still running (a long upload): closing waits for them, as documented.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            doClose();
        } catch (IOException e) {
            throw new StoreIOException("closing " + description + " failed: " + e.getMessage(), e);
        }
    }

    /** True until {@link #close()}. */
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public String toString() {
        return description;
    }

    // ---- helpers for backends ----

    /** A blocking step of an operation. */
    @FunctionalInterface
    protected interface IoCallable<T> {
        /** Runs the step. */
        T call() throws IOException;
    }

    /** Runs {@code body} on the executor; failures become {@link StoreException}s. */
    protected final <T> CompletableFuture<T> async(String what, IoCallable<T> body) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedError(what));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(body.call());
                } catch (Throwable t) {
                    future.completeExceptionally(translate(what, t));
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closedError(what));
        }
        return future;
    }

    /** A new random 128-bit id in lower-case hex: ETags, upload ids, temporary names. */
    protected static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private StoreClosedException closedError(String what) {
        return new StoreClosedException(description + " is closed (" + what + "); open it again");
    }

    private Throwable translate(String what, Throwable t) {
        return switch (t) {
            case StoreException s -> s;
            case UncheckedIOException u -> new StoreIOException(what + " failed in " + description + ": " + u.getCause(), u.getCause());
            case IOException io -> new StoreIOException(what + " failed in " + description + ": " + io, io);
            case Error e -> e;
            default -> t;
        };
    }

    private static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new InvalidArgumentException("the " + what + " is null");
        }
        return value;
    }

    private static void checkUpload(MultipartUpload upload) {
        notNull(upload, "upload");
        BlobKeys.checkKey(upload.key());
        if (upload.uploadId() == null || !upload.uploadId().matches("[0-9A-Za-z_-]{1,128}")) {
            throw new InvalidArgumentException("upload id '" + upload.uploadId() + "' is not one this store gave; "
                    + "use the MultipartUpload from initiateMultipart()");
        }
    }

    private static void checkPartNumber(int n) {
        if (n < 1 || n > MAX_PARTS) {
            throw new InvalidArgumentException("part number must be 1 to " + MAX_PARTS + ", got " + n);
        }
    }

    private static String checkDigest(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidArgumentException("a content digest is 64 hex digits of SHA-256 (as putContent returns), got "
                    + (sha256 == null ? "null" : "'" + sha256 + "'"));
        }
        return sha256.toLowerCase(Locale.ROOT);
    }
}
