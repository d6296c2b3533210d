package dev.oxistore.blob.memory;

import dev.oxistore.blob.BlobKeys;
import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.UploadedPart;
import dev.oxistore.blob.spi.AbstractBlobStore;
import dev.oxistore.blob.spi.DigestingInputStream;
import dev.oxistore.kv.CapacityExceededException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link dev.oxistore.blob.BlobStore} in memory, for tests and caches: nothing survives
 * {@link #close()}. Object bytes live off the Java heap, in segments of up to 1 MiB from
 * {@link Arena#ofAuto()} (freed by the garbage collector once no object or open stream uses them),
 * so a store can hold more than the heap; direct memory is bounded by
 * {@code -XX:MaxDirectMemorySize}.
 *
 * <p>An optional quota bounds the bytes held by objects, uploaded parts and content together; a
 * write that would pass it fails with {@link CapacityExceededException} and leaves the store as
 * it was. Copies share their bytes, so a copy costs no quota.
 */
public final class MemoryBlobStore extends AbstractBlobStore {

    private static final int MIN_CHUNK = 64 << 10;
    private static final int MIN_CHUNK_FIRST = 16;
    private static final int MAX_CHUNK = 1 << 20;
    private static final int LOCK_STRIPES = 64;

    private record Blob(BlobMetadata meta, Chunks data) {
    }

    private record Upload(String key, PutOptions options, Map<Integer, Part> parts) {
    }

    private record Part(String etag, Chunks data) {
    }

    private final long quota;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentSkipListMap<String, Blob> objects = new ConcurrentSkipListMap<>(BlobKeys.ORDER);
    private final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Chunks> contents = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];

    private MemoryBlobStore(long quota) {
        super(quota == Long.MAX_VALUE ? "memory blob store" : "memory blob store (quota " + quota + " bytes)");
        this.quota = quota;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** An empty store without a quota. */
    public static MemoryBlobStore create() {
        return new MemoryBlobStore(Long.MAX_VALUE);
    }

    /**
     * An empty store holding at most {@code quotaBytes} bytes.
     *
     * @throws InvalidArgumentException when the quota is negative
     */
    public static MemoryBlobStore withQuota(long quotaBytes) {
        if (quotaBytes < 0) {
            throw new InvalidArgumentException("the quota must be >= 0 bytes, got " + quotaBytes);
        }
        return new MemoryBlobStore(quotaBytes);
    }

    /** Bytes held now by objects, parts and content (what the quota counts). */
    public long usedBytes() {
        return used.get();
    }

    /** The quota in bytes, or {@link Long#MAX_VALUE} for none. */
    public long quota() {
        return quota;
    }

    @Override
    public long minPartSize() {
        return 1;
    }

    // ---- writes ----

    @Override
    protected BlobMetadata doPut(String key, InputStream in, PutOptions options) throws IOException {
        DigestingInputStream digesting = new DigestingInputStream(in, options.computeSha256());
        Chunks data = read(digesting, -1);
        return commit(key, data, options, Optional.ofNullable(digesting.sha256Hex()));
    }

    private BlobMetadata commit(String key, Chunks data, PutOptions options, Optional<String> sha256) {
        Blob replaced;
        BlobMetadata meta;
        synchronized (lockOf(key)) {
            Blob current = objects.get(key);
            try {
                options.precondition().check(key, current == null ? null : current.meta().etag());
            } catch (RuntimeException e) {
                release(data);
                throw e;
            }
            Instant now = Instant.now();
            meta = new BlobMetadata(key, data.size(), newId(), options.contentType(), options.userMetadata(),
                    current == null ? now : current.meta().created(), now, sha256);
            replaced = objects.put(key, new Blob(meta, data));
        }
        if (replaced != null) {
            release(replaced.data());
        }
        return meta;
    }

    @Override
    protected BlobMetadata doCopy(String source, String target) {
        Blob src;
        Chunks shared;
        synchronized (lockOf(source)) {
            src = objects.get(source);
            if (src == null) {
                throw notFound(source);
            }
            shared = src.data().retain();
        }
        BlobMetadata m = src.meta();
        PutOptions options = PutOptions.defaults().withContentType(m.contentType()).withUserMetadata(m.userMetadata());
        return commit(target, shared, options, m.sha256());
    }

    @Override
    protected boolean doDelete(String key) {
        Blob removed;
        synchronized (lockOf(key)) {
            removed = objects.remove(key);
        }
        if (removed != null) {
            release(removed.data());
        }
        return removed != null;
    }

    // ---- reads ----

    @Override
    protected Optional<BlobMetadata> doHead(String key) {
        return Optional.ofNullable(objects.get(key)).map(Blob::meta);
    }

    @Override
    protected InputStream doOpen(String key, ByteRange range) {
        Blob b = objects.get(key);
        if (b == null) {
            throw notFound(key);
        }
        ByteRange r = range.within(b.data().size(), key);
        return b.data().stream(r.offset(), r.length());
    }

    @Override
    protected Iterator<String> doListKeys(String prefix, String startAfter) {
        var view = startAfter == null ? objects.tailMap(prefix, true) : objects.tailMap(
                BlobKeys.compare(startAfter, prefix) < 0 ? prefix : startAfter, BlobKeys.compare(startAfter, prefix) < 0);
        Iterator<String> keys = view.keySet().iterator();
        return new Iterator<>() {
            private String next = advance();

            private String advance() {
                if (keys.hasNext()) {
                    String k = keys.next();
                    return k.startsWith(prefix) ? k : null;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public String next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                String k = next;
                next = advance();
                return k;
            }
        };
    }

    // ---- multipart ----

    @Override
    protected MultipartUpload doInitiateMultipart(String key, PutOptions options) {
        String id = newId();
        uploads.put(id, new Upload(key, options, new ConcurrentHashMap<>()));
        return new MultipartUpload(key, id);
    }

    @Override
    protected UploadedPart doUploadPart(MultipartUpload upload, int partNumber, InputStream in, long length)
            throws IOException {
        Upload u = upload(upload);
        Chunks data = read(in, length);
        Part part = new Part(newId(), data);
        Part replaced = u.parts().put(partNumber, part);
        if (replaced != null) {
            release(replaced.data());
        }
        if (uploads.get(upload.uploadId()) != u) {
            // Aborted or completed while this part streamed in: give its memory back.
            if (u.parts().remove(partNumber, part)) {
                release(data);
            }
            throw uploadGone(upload);
        }
        return new UploadedPart(partNumber, part.etag(), data.size());
    }

    @Override
    protected BlobMetadata doCompleteMultipart(MultipartUpload upload, List<UploadedPart> parts) {
        Upload u = upload(upload);
        List<Chunks> chosen = new ArrayList<>();
        for (UploadedPart p : parts) {
            Part part = u.parts().get(p.partNumber());
            if (part == null || !part.etag().equals(p.etag())) {
                throw new InvalidArgumentException("part " + p.partNumber() + " with ETag " + p.etag() + " is not in upload "
                        + upload.uploadId() + (part == null ? " (never uploaded)" : " (uploaded again since)"));
            }
            chosen.add(part.data());
        }
        synchronized (lockOf(u.key())) {
            // Checked before the upload ends, so a failed precondition leaves it in progress.
            Blob current = objects.get(u.key());
            u.options().precondition().check(u.key(), current == null ? null : current.meta().etag());
            if (!uploads.remove(upload.uploadId(), u)) {
                throw uploadGone(upload);
            }
            for (Map.Entry<Integer, Part> e : u.parts().entrySet()) {
                if (!chosen.contains(e.getValue().data())) {
                    release(e.getValue().data());
                }
            }
            return commit(u.key(), Chunks.concat(chosen), u.options(), Optional.empty());
        }
    }

    @Override
    protected void doAbortMultipart(MultipartUpload upload) {
        Upload u = uploads.remove(upload.uploadId());
        if (u != null) {
            u.parts().values().forEach(p -> release(p.data()));
        }
    }

    // ---- content ----

    @Override
    protected String doPutContent(InputStream in) throws IOException {
        DigestingInputStream digesting = new DigestingInputStream(in, true);
        Chunks data = read(digesting, -1);
        String digest = digesting.sha256Hex();
        if (contents.putIfAbsent(digest, data) != null) {
            release(data);
        }
        return digest;
    }

    @Override
    protected InputStream doOpenContent(String sha256) {
        Chunks data = contents.get(sha256);
        if (data == null) {
            throw new NotFoundException("no content with SHA-256 " + sha256 + " in " + this + "; store it with putContent()");
        }
        return data.stream(0, data.size());
    }

    @Override
    protected boolean doHasContent(String sha256) {
        return contents.containsKey(sha256);
    }

    @Override
    protected boolean doDeleteContent(String sha256) {
        Chunks removed = contents.remove(sha256);
        if (removed != null) {
            release(removed);
        }
        return removed != null;
    }

    /** Damages stored content so tests can see bit rot detected. */
    void corruptContent(String sha256) {
        contents.get(sha256).flipFirstBit();
    }

    @Override
    protected void doClose() {
        objects.values().forEach(b -> release(b.data()));
        objects.clear();
        uploads.values().forEach(u -> u.parts().values().forEach(p -> release(p.data())));
        uploads.clear();
        contents.values().forEach(this::release);
        contents.clear();
    }

    // ---- memory ----

    /** Reads {@code in} to its end ({@code length < 0}) or exactly {@code length} bytes into new chunks. */
    private Chunks read(InputStream in, long length) throws IOException {
        List<MemorySegment> segments = new ArrayList<>();
        long reserved = 0;
        boolean ok = false;
        try {
            byte[] buffer = new byte[64 << 10];
            long remaining = length;
            int chunkSize = length >= 0 ? (int) Math.max(1, Math.min(MAX_CHUNK, length)) : MIN_CHUNK;
            MemorySegment chunk = null;
            long fill = 0;
            while (length < 0 || remaining > 0) {
                int want = (int) (length < 0 ? buffer.length : Math.min(buffer.length, remaining));
                int n = in.read(buffer, 0, want);
                if (n < 0) {
                    if (length >= 0) {
                        throw new InvalidArgumentException("the stream ended " + remaining + " bytes before the declared length "
                                + length + "; pass the exact length of the part");
                    }
                    break;
                }
                int at = 0;
                while (at < n) {
                    if (chunk == null || fill == chunk.byteSize()) {
                        if (chunk != null) {
                            segments.add(chunk);
                            chunkSize = Math.min(MAX_CHUNK, chunkSize * 2);
                        }
                        // A known length sizes the chunks exactly; otherwise the first chunk takes
                        // what the stream says is available (all of a byte array), later ones grow.
                        long size = length >= 0 ? Math.min(chunkSize, remaining)
                                : chunk == null ? Math.min(MAX_CHUNK, Math.max(MIN_CHUNK_FIRST, (long) (n - at) + in.available()))
                                : chunkSize;
                        reserve(size);
                        reserved += size;
                        chunk = Arena.ofAuto().allocate(size);
                        fill = 0;
                    }
                    int k = (int) Math.min(n - at, chunk.byteSize() - fill);
                    MemorySegment.copy(buffer, at, chunk, ValueLayout.JAVA_BYTE, fill, k);
                    fill += k;
                    at += k;
                }
                remaining -= n;
            }
            if (chunk != null) {
                segments.add(chunk.asSlice(0, fill));
            }
            ok = true;
            return new Chunks(segments, reserved);
        } finally {
            if (!ok) {
                used.addAndGet(-reserved);
            }
        }
    }

    private void reserve(long bytes) {
        long after = used.addAndGet(bytes);
        if (after > quota) {
            used.addAndGet(-bytes);
            throw new CapacityExceededException(this + " is full: " + (after - bytes) + " bytes used of " + quota
                    + "; delete objects, abort uploads or open the store with a larger quota");
        }
    }

    private void release(Chunks data) {
        if (data.release()) {
            used.addAndGet(-data.reserved());
        }
    }

    private Upload upload(MultipartUpload upload) {
        Upload u = uploads.get(upload.uploadId());
        if (u == null || !u.key().equals(upload.key())) {
            throw uploadGone(upload);
        }
        return u;
    }

    private Object lockOf(String key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private NotFoundException notFound(String key) {
        return new NotFoundException("no object '" + key + "' in " + this);
    }

    private NotFoundException uploadGone(MultipartUpload upload) {
        return new NotFoundException("multipart upload " + upload.uploadId() + " of '" + upload.key()
                + "' is not in progress (completed, aborted or never started); initiate a new one");
    }
}
