package dev.oxistore.blob.local;

import dev.oxistore.blob.BlobKeys;
import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.Precondition;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.UploadedPart;
import dev.oxistore.blob.spi.AbstractBlobStore;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.StoreLockedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A {@link dev.oxistore.blob.BlobStore} of files under a root directory.
 *
 * <h2>Layout</h2>
 * <pre>
 * root/oxistore-blob.format   "oxistore-blob format 2": the format version, checked on open
 * root/lock                   held (FileChannel lock) while a store is open: one process at a time
 * root/objects/               keyed objects, see below
 * root/content/ab/abcd...     content by SHA-256 (first two hex digits as a fan-out directory)
 * root/uploads/&lt;id&gt;/        a multipart upload: upload.meta and parts &lt;n&gt;.&lt;etag&gt;.part
 * root/tmp/                   references, content and parts being written; emptied on open
 * </pre>
 * Key {@code a/b/c} lives in {@code objects/a.d/b.d/} as {@code c.ref} (its reference, see
 * {@link Refs}), which names its version file {@code c.<etag>.obj}: the bytes, then the metadata
 * in a trailer (see {@link Meta}). An object completed from uploaded parts, or copied, keeps its
 * bytes in part files {@code c.<etag>.<i>.data} and only the metadata in its version file. The
 * suffixes keep keys, directories and temporary files apart (see {@link Layout}).
 *
 * <h2>Durability</h2>
 * A put streams straight into its version file in the object's directory, under a name that
 * carries the new ETag (no reader opens it before the reference names it, and it can never
 * overwrite a version a reader is using), appends the metadata, and forces the file. Then, under
 * the key's lock, it makes a new reference in {@code tmp/} and renames it over {@code c.ref}: that
 * one rename publishes bytes and metadata together and is the commit point. The directory is
 * forced, and only then are the old version's files deleted. (Copies and multipart completions
 * first move their part files into place from {@code tmp/} or {@code uploads/}.) A reader reads
 * the reference and opens the version file it names (again, if an overwrite took it meanwhile), so
 * it sees the old or the new version, never a mix, and its stream keeps reading the version it
 * opened; a crash at any moment leaves the old or the new version. Version and part files whose
 * ETag no reference names are leftovers of a crash and are deleted on open, with the contents of
 * {@code tmp/} and with multipart uploads older than {@link Builder#abandonedUploadAge(Duration)}.
 * Under {@link Durability#FLUSH} or {@link Durability#NONE} nothing is forced: writes stay atomic
 * but the newest may be lost in a power failure.
 *
 * <p>Key rules ({@link BlobKeys}) keep every path under {@code objects/}. Keys that differ only in
 * letter case collide on case-insensitive file systems (macOS and Windows defaults).
 */
public final class LocalBlobStore extends AbstractBlobStore {

    /** The on-disk format this version reads and writes. */
    public static final int FORMAT_VERSION = 2;

    static final String FORMAT_FILE = "oxistore-blob.format";
    static final String LOCK_FILE = "lock";
    private static final String FORMAT_TEXT = "oxistore-blob format " + FORMAT_VERSION + "\n";
    private static final String UPLOAD_META = "upload.meta";
    private static final String PART_SUFFIX = ".part";
    private static final int BUFFER = 1 << 20;
    private static final int STRIPES = 256;
    private static final int RETRIES = 16;

    private final Path root;
    private final Path tmp;
    private final Path uploads;
    private final Path content;
    private final Layout layout;
    private final boolean sync;
    private final Refs refs;
    private final FileChannel lockChannel;
    private final ReentrantLock[] keyLocks = new ReentrantLock[STRIPES];
    private final ReentrantLock[] uploadLocks = new ReentrantLock[STRIPES];

    /** Options for opening a {@link LocalBlobStore}. */
    public static final class Builder {
        private final Path root;
        private Durability durability = Durability.SYNC;
        private Duration abandonedUploadAge = Duration.ofDays(1);
        private boolean symbolicLinks = true;

        private Builder(Path root) {
            this.root = root;
        }

        /** {@link Durability#SYNC} (default: forced to disk before a write completes), FLUSH or NONE. */
        public Builder durability(Durability d) {
            this.durability = Objects.requireNonNull(d, "durability");
            return this;
        }

        /** Multipart uploads begun longer ago than this are deleted on open (default one day). */
        public Builder abandonedUploadAge(Duration age) {
            if (age == null || age.isNegative()) {
                throw new InvalidArgumentException("the abandoned upload age must be zero or positive, got " + age);
            }
            this.abandonedUploadAge = age;
            return this;
        }

        /** Whether references may be symbolic links (default; for tests of the regular-file fallback). */
        Builder symbolicLinks(boolean allowed) {
            this.symbolicLinks = allowed;
            return this;
        }

        /** Opens (creating if needed) the store. */
        public LocalBlobStore open() {
            return new LocalBlobStore(this);
        }
    }

    /** Options for the store under {@code root}. */
    public static Builder builder(Path root) {
        if (root == null) {
            throw new InvalidArgumentException("the blob store root is null; give a directory");
        }
        return new Builder(root);
    }

    /**
     * Opens the store under {@code root}, creating the directory if needed, with
     * {@link Durability#SYNC}.
     *
     * @throws StoreLockedException when another store (in this or another process) has it open
     * @throws InvalidArgumentException when {@code root} is a file or a non-empty directory that is not a blob store
     */
    public static LocalBlobStore open(Path root) {
        return builder(root).open();
    }

    private LocalBlobStore(Builder b) {
        // Platform threads: file I/O on a virtual thread pins or grows its carrier pool on every
        // call, which costs more than a thread per concurrent operation.
        super("blob store " + b.root.toAbsolutePath().normalize(),
                Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("oxistore-blob-io-", 0).factory()), true);
        this.root = b.root.toAbsolutePath().normalize();
        this.sync = b.durability == Durability.SYNC;
        this.tmp = root.resolve("tmp");
        this.uploads = root.resolve("uploads");
        this.content = root.resolve("content");
        this.layout = new Layout(root.resolve("objects"));
        for (int i = 0; i < STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
            uploadLocks[i] = new ReentrantLock();
        }
        FileChannel channel = null;
        boolean ok = false;
        try {
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new InvalidArgumentException(root + " is a file; a blob store needs a directory");
            }
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreLockedException(this + " is open in another store instance or process; close that one first");
            }
            checkFormat();
            for (Path dir : List.of(tmp, uploads, content, layout.objects())) {
                Files.createDirectories(dir);
            }
            refs = new Refs(tmp, b.symbolicLinks);
            recover(b.abandonedUploadAge);
            ok = true;
        } catch (IOException e) {
            throw new StoreIOException("cannot open " + this + ": " + e, e);
        } finally {
            if (!ok && channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // already failing
                }
            }
        }
        this.lockChannel = channel;
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public long minPartSize() {
        return 1;
    }

    // ---- writes ----

    @Override
    protected BlobMetadata doPut(String key, InputStream in, PutOptions options) throws IOException {
        // The version file goes straight to its final name: the new ETag in it means no reader opens
        // it before the reference names it, and recovery deletes it if we crash first.
        String etag = newId();
        Path file = layout.versionOf(key, etag);
        Meta base = currentMeta(key); // for the creation time; checked again when publishing
        boolean published = false;
        try (FileChannel ch = create(file)) {
            MessageDigest sha = options.computeSha256() ? sha256() : null;
            OutputStream out = Channels.newOutputStream(ch);
            // The source's own transferTo: an array is written in one call, a file may go straight across.
            long size = in.transferTo(sha == null ? out : new DigestOutputStream(out, sha));
            Instant now = Instant.now();
            Meta meta = new Meta(new BlobMetadata(key, size, etag, options.contentType(), options.userMetadata(),
                    base == null ? now : base.blob().created(), now,
                    Optional.ofNullable(sha).map(d -> HexFormat.of().formatHex(d.digest()))), List.of());
            BlobMetadata m = publish(key, ch, size, meta, options.precondition(), base);
            published = true;
            return m;
        } finally {
            if (!published) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Ends the version file open on {@code ch} (its bytes end at {@code dataEnd}) with the trailer of
     * {@code meta}, forces it, and under the key's lock checks {@code precondition} and points the
     * key's reference at it: that one step is the commit point. {@code base} is the version (or
     * null) the creation time in {@code meta} came from; when another writer replaced it meanwhile,
     * the trailer is written again with the creation time of the version actually replaced.
     */
    private BlobMetadata publish(String key, FileChannel ch, long dataEnd, Meta meta, Precondition precondition, Meta base)
            throws IOException {
        writeTrailer(ch, dataEnd, meta);
        Path ref = layout.refOf(key);
        String old;
        ReentrantLock lock = keyLock(key);
        lock.lock();
        try {
            old = refs.read(ref, Layout.lastSegment(key));
            precondition.check(key, old);
            if (!Objects.equals(old, base == null ? null : base.etag())) {
                Meta replaced = old == null ? null : currentMeta(key);
                base = replaced;
                Instant created = replaced == null ? meta.blob().modified() : replaced.blob().created();
                if (!created.equals(meta.blob().created())) {
                    meta = meta.withCreated(created);
                    ch.truncate(dataEnd);
                    writeTrailer(ch, dataEnd, meta);
                }
            }
            refs.write(ref, Layout.versionName(Layout.lastSegment(key), meta.etag()), old != null, sync);
            forceDir(ref.getParent());
        } finally {
            lock.unlock();
        }
        if (old != null) {
            deleteVersion(key, old, base == null ? -1 : base.partSizes().size());
        }
        return meta.blob();
    }

    private void writeTrailer(FileChannel ch, long dataEnd, Meta meta) throws IOException {
        ByteBuffer trailer = ByteBuffer.wrap(meta.trailer());
        while (trailer.hasRemaining()) {
            ch.write(trailer, dataEnd + trailer.position());
        }
        if (sync) {
            ch.force(true);
        }
    }

    @Override
    protected BlobMetadata doCopy(String source, String target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Meta src = currentMeta(source);
            if (src == null) {
                throw notFound(source);
            }
            List<Path> files = new ArrayList<>();
            try {
                // A version file's bytes are its first part (the trailer after them is never read as data).
                List<Path> sources = new ArrayList<>();
                if (src.inline()) {
                    sources.add(layout.versionOf(source, src.etag()));
                } else {
                    for (int i = 0; i < src.partSizes().size(); i++) {
                        sources.add(layout.dataOf(source, src.etag(), i));
                    }
                }
                for (Path s : sources) {
                    Path file = tmp.resolve(tempName());
                    files.add(file);
                    linkOrCopy(s, file);
                }
                List<Long> sizes = src.inline() ? List.of(src.blob().size()) : src.partSizes();
                BlobMetadata m = src.blob();
                return commitParts(target, files, sizes, m.contentType(), m.userMetadata(), Precondition.none(), m.sha256());
            } catch (NoSuchFileException e) {
                // The source was replaced while we linked it: read its new version.
                if (attempt == RETRIES) {
                    throw e;
                }
            } finally {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private void linkOrCopy(Path source, Path target) throws IOException {
        // Version and part files never change once written, so a hard link is a safe, instant copy.
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof NoSuchFileException nsf) {
                throw nsf;
            }
            Files.copy(source, target);
            force(target);
        }
    }

    /**
     * Publishes a new version of {@code key} made of {@code files} (in {@code tmp/} or an upload's
     * directory): under the key's lock, checks {@code precondition}, moves them into place as part
     * files, writes a version file holding only the metadata and publishes it.
     */
    private BlobMetadata commitParts(String key, List<Path> files, List<Long> sizes, String contentType,
                                     Map<String, String> userMetadata, Precondition precondition, Optional<String> sha256)
            throws IOException {
        String etag = newId();
        Path dir = layout.dirOf(key);
        Path file = layout.versionOf(key, etag);
        List<Path> placed = new ArrayList<>();
        boolean published = false;
        ReentrantLock lock = keyLock(key);
        lock.lock();
        try {
            String old = refs.read(layout.refOf(key), Layout.lastSegment(key));
            precondition.check(key, old);
            Meta base = old == null ? null : currentMeta(key);
            for (int i = 0; i < files.size(); i++) {
                Path target = layout.dataOf(key, etag, i);
                for (int attempt = 0; ; attempt++) {
                    try {
                        Files.move(files.get(i), target, StandardCopyOption.ATOMIC_MOVE);
                        placed.add(target);
                        break;
                    } catch (NoSuchFileException e) {
                        // The directory is missing: new, or removed by a delete of the last key beside
                        // this one. (Our source files cannot vanish: they are ours alone.)
                        if (attempt == RETRIES) {
                            throw e;
                        }
                        ensureDirs(dir);
                    }
                }
            }
            forceDir(dir);
            try (FileChannel ch = create(file)) {
                Instant now = Instant.now();
                long size = sizes.stream().mapToLong(Long::longValue).sum();
                Meta meta = new Meta(new BlobMetadata(key, size, etag, contentType, userMetadata,
                        base == null ? now : base.blob().created(), now, sha256), sizes);
                BlobMetadata m = publish(key, ch, 0, meta, Precondition.none(), base);
                published = true;
                return m;
            }
        } finally {
            if (!published) {
                Files.deleteIfExists(file);
                for (Path p : placed) {
                    Files.deleteIfExists(p);
                }
            }
            lock.unlock();
        }
    }

    @Override
    protected boolean doDelete(String key) throws IOException {
        String old;
        ReentrantLock lock = keyLock(key);
        lock.lock();
        try {
            Path ref = layout.refOf(key);
            old = refs.read(ref, Layout.lastSegment(key));
            if (old == null) {
                return false;
            }
            Files.deleteIfExists(ref);
            forceDir(ref.getParent());
            deleteVersion(key, old, -1);
        } finally {
            lock.unlock();
        }
        prune(layout.dirOf(key));
        return true;
    }

    /**
     * Deletes the version file of {@code etag} and its {@code parts} part files (when not known, -1:
     * those numbered from 0 up to the first missing).
     */
    private void deleteVersion(String key, String etag, int parts) {
        try {
            Files.deleteIfExists(layout.versionOf(key, etag));
            if (parts >= 0) {
                for (int i = 0; i < parts; i++) {
                    Files.deleteIfExists(layout.dataOf(key, etag, i));
                }
            } else {
                for (int i = 0; Files.deleteIfExists(layout.dataOf(key, etag, i)); i++) {
                    // the next part
                }
            }
        } catch (IOException e) {
            // An open reader on a file system that refuses to delete open files: recovery on open removes it.
        }
    }

    /** Removes {@code dir} and its ancestors up to {@code objects/} while they are empty. */
    private void prune(Path dir) {
        for (Path d = dir; !d.equals(layout.objects()); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (IOException e) {
                return; // not empty (or already gone): its ancestors are not empty either
            }
        }
    }

    // ---- reads ----

    /** An open version file and the metadata in its trailer. */
    private record Version(FileChannel channel, Meta meta) {
    }

    /**
     * Opens the version file the reference of {@code key} names and reads its trailer, or returns
     * null when there is no such key. Once open, the file stays readable whatever writers do.
     */
    private Version openVersion(String key) throws IOException {
        Path ref = layout.refOf(key);
        for (int attempt = 0; ; attempt++) {
            String etag = refs.read(ref, Layout.lastSegment(key));
            if (etag == null) {
                return null;
            }
            Path file = layout.versionOf(key, etag);
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                // Replaced between reading the reference and opening the file: read the new one.
                if (attempt == RETRIES) {
                    throw new CorruptionException("'" + key + "' names version file " + file
                            + " that does not exist; delete the object and put it again", e);
                }
                continue;
            }
            try {
                Meta meta = Meta.readTrailer(ch, file.toString());
                if (!meta.etag().equals(etag) || !meta.blob().key().equals(key)) {
                    throw new CorruptionException("version file " + file + " holds the metadata of '" + meta.blob().key()
                            + "' version " + meta.etag() + "; delete the object and put it again");
                }
                return new Version(ch, meta);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /** The metadata of the current version of {@code key}, or null. */
    private Meta currentMeta(String key) throws IOException {
        Version v = openVersion(key);
        if (v == null) {
            return null;
        }
        v.channel().close();
        return v.meta();
    }

    @Override
    protected Optional<BlobMetadata> doHead(String key) throws IOException {
        return Optional.ofNullable(currentMeta(key)).map(Meta::blob);
    }

    @Override
    protected InputStream doOpen(String key, ByteRange range) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Version v = openVersion(key);
            if (v == null) {
                throw notFound(key);
            }
            ByteRange r;
            try {
                r = range.within(v.meta().blob().size(), key);
            } catch (RuntimeException e) {
                v.channel().close();
                throw e;
            }
            if (v.meta().inline()) {
                return new PartsInputStream(List.of(new PartsInputStream.Slice(v.channel(), r.offset(), r.length())));
            }
            v.channel().close();
            try {
                return openParts(key, v.meta(), r.offset(), r.length());
            } catch (NoSuchFileException e) {
                // Overwritten between reading the metadata and opening the parts: read the new version.
                if (attempt == RETRIES) {
                    throw new CorruptionException("'" + key + "' names part file " + e.getFile()
                            + " that does not exist; delete the object and put it again", e);
                }
            }
        }
    }

    /** Opens every part file the range touches at once, so a later overwrite cannot take them away. */
    private InputStream openParts(String key, Meta meta, long offset, long length) throws IOException {
        List<PartsInputStream.Slice> slices = new ArrayList<>();
        long partStart = 0;
        long end = offset + length;
        try {
            for (int i = 0; i < meta.partSizes().size(); i++) {
                long partSize = meta.partSizes().get(i);
                long partEnd = partStart + partSize;
                boolean touched = partSize > 0 && partEnd > offset && partStart < end;
                if (touched) {
                    Path file = layout.dataOf(key, meta.etag(), i);
                    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                    slices.add(new PartsInputStream.Slice(ch, Math.max(0, offset - partStart),
                            Math.min(partEnd, end) - Math.max(partStart, offset)));
                    // A copied version file is longer than its bytes (its trailer follows them).
                    if (ch.size() < partSize) {
                        throw new CorruptionException("part file " + file + " has " + ch.size() + " bytes, its metadata says "
                                + partSize + "; delete '" + key + "' and put it again");
                    }
                }
                partStart = partEnd;
            }
            return new PartsInputStream(slices);
        } catch (IOException | RuntimeException e) {
            for (PartsInputStream.Slice s : slices) {
                s.channel().close();
            }
            throw e;
        }
    }

    @Override
    protected Iterator<String> doListKeys(String prefix, String startAfter) {
        int slash = prefix.lastIndexOf('/');
        String dirPrefix = slash < 0 ? "" : prefix.substring(0, slash + 1);
        return new KeyWalker(layout.dirOfPrefix(dirPrefix), dirPrefix, prefix, startAfter);
    }

    /**
     * Walks the key tree depth first in key order, lazily, visiting only directories that can hold
     * keys under the prefix and after {@code startAfter}. A directory's entries sort as their keys
     * do: a file by its segment, a directory by its segment followed by '/'.
     */
    private final class KeyWalker implements Iterator<String> {
        private record Entry(String sortKey, Path dir) {
        }

        private final String prefix;
        private final String startAfter;
        private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
        private String next;

        KeyWalker(Path start, String dirPrefix, String prefix, String startAfter) {
            this.prefix = prefix;
            this.startAfter = startAfter;
            push(start, dirPrefix);
            next = advance();
        }

        private void push(Path dir, String dirPrefix) {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(Refs.SUFFIX)) {
                        String key = dirPrefix + name.substring(0, name.length() - Refs.SUFFIX.length());
                        if (key.startsWith(prefix) && (startAfter == null || BlobKeys.compare(key, startAfter) > 0)) {
                            entries.add(new Entry(key, null));
                        }
                    } else if (name.endsWith(Layout.DIR_SUFFIX)) {
                        String sub = dirPrefix + name.substring(0, name.length() - Layout.DIR_SUFFIX.length()) + "/";
                        if (relevant(sub)) {
                            entries.add(new Entry(sub, p));
                        }
                    }
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                // removed meanwhile (its last key was deleted): nothing to list
            } catch (IOException e) {
                throw new StoreIOException("cannot list " + dir + ": " + e, e);
            }
            entries.sort(Comparator.comparing(Entry::sortKey, BlobKeys.ORDER));
            stack.push(entries.iterator());
        }

        private boolean relevant(String sub) {
            if (!sub.startsWith(prefix) && !prefix.startsWith(sub)) {
                return false;
            }
            // Every key below sorts before startAfter when sub does and startAfter is not inside sub.
            return startAfter == null || BlobKeys.compare(sub, startAfter) > 0 || startAfter.startsWith(sub);
        }

        private String advance() {
            while (!stack.isEmpty()) {
                Iterator<Entry> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    continue;
                }
                Entry e = top.next();
                if (e.dir() == null) {
                    return e.sortKey();
                }
                push(e.dir(), e.sortKey());
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
                throw new NoSuchElementException();
            }
            String k = next;
            next = advance();
            return k;
        }
    }

    // ---- multipart ----

    @Override
    protected MultipartUpload doInitiateMultipart(String key, PutOptions options) throws IOException {
        String id = newId();
        Path dir = uploads.resolve(id);
        Files.createDirectory(dir);
        writeAtomically(dir.resolve(UPLOAD_META), new UploadMeta(key, options, Instant.now()).encode());
        forceDir(uploads);
        return new MultipartUpload(key, id);
    }

    @Override
    protected UploadedPart doUploadPart(MultipartUpload upload, int partNumber, InputStream in, long length)
            throws IOException {
        readUpload(upload);
        Path file = tmp.resolve(tempName());
        try {
            writeFile(in, file, length);
            String etag = newId();
            Path dir = uploads.resolve(upload.uploadId());
            ReentrantLock lock = uploadLock(upload.uploadId());
            lock.lock();
            try {
                try {
                    Files.move(file, dir.resolve(partNumber + "." + etag + PART_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException e) {
                    throw uploadGone(upload);
                }
                forceDir(dir);
                // One file per part number: the newest upload of the number replaces the others.
                for (Path old : partFiles(dir, partNumber)) {
                    if (!old.getFileName().toString().equals(partNumber + "." + etag + PART_SUFFIX)) {
                        Files.deleteIfExists(old);
                    }
                }
            } finally {
                lock.unlock();
            }
            return new UploadedPart(partNumber, etag, length);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    protected BlobMetadata doCompleteMultipart(MultipartUpload upload, List<UploadedPart> parts) throws IOException {
        ReentrantLock lock = uploadLock(upload.uploadId());
        lock.lock();
        try {
            UploadMeta u = readUpload(upload);
            Path dir = uploads.resolve(upload.uploadId());
            List<Path> files = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (UploadedPart p : parts) {
                Path file = dir.resolve(p.partNumber() + "." + p.etag() + PART_SUFFIX);
                if (!p.etag().matches("[0-9a-f]{32}") || !Files.exists(file)) {
                    throw new InvalidArgumentException("part " + p.partNumber() + " with ETag " + p.etag() + " is not in upload "
                            + upload.uploadId() + " (never uploaded, or uploaded again since)");
                }
                files.add(file);
                sizes.add(Files.size(file));
            }
            PutOptions o = u.options();
            BlobMetadata done = commitParts(u.key(), files, sizes, o.contentType(), o.userMetadata(), o.precondition(), Optional.empty());
            deleteTree(dir);
            return done;
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void doAbortMultipart(MultipartUpload upload) throws IOException {
        ReentrantLock lock = uploadLock(upload.uploadId());
        lock.lock();
        try {
            deleteTree(uploads.resolve(upload.uploadId()));
        } finally {
            lock.unlock();
        }
    }

    private UploadMeta readUpload(MultipartUpload upload) throws IOException {
        Path file = uploads.resolve(upload.uploadId()).resolve(UPLOAD_META);
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw uploadGone(upload);
        }
        UploadMeta u = UploadMeta.decode(raw, file.toString());
        if (!u.key().equals(upload.key())) {
            throw uploadGone(upload);
        }
        return u;
    }

    private static List<Path> partFiles(Path dir, int partNumber) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(partNumber + ".")
                    && p.getFileName().toString().endsWith(PART_SUFFIX)).toList();
        }
    }

    // ---- content ----

    @Override
    protected String doPutContent(InputStream in) throws IOException {
        Path file = tmp.resolve(tempName());
        try {
            MessageDigest sha = sha256();
            writeFile(in, file, sha);
            String digest = HexFormat.of().formatHex(sha.digest());
            Path target = contentPath(digest);
            if (!Files.exists(target)) {
                ensureDirs(target.getParent());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                forceDir(target.getParent());
            }
            return digest;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    protected InputStream doOpenContent(String sha256) throws IOException {
        try {
            FileChannel ch = FileChannel.open(contentPath(sha256), StandardOpenOption.READ);
            return new PartsInputStream(List.of(new PartsInputStream.Slice(ch, 0, ch.size())));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no content with SHA-256 " + sha256 + " in " + this + "; store it with putContent()");
        }
    }

    @Override
    protected boolean doHasContent(String sha256) {
        return Files.exists(contentPath(sha256));
    }

    @Override
    protected boolean doDeleteContent(String sha256) throws IOException {
        return Files.deleteIfExists(contentPath(sha256));
    }

    /** Where content with digest {@code sha256} (lower-case hex) lives. */
    Path contentPath(String sha256) {
        return content.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Whether references are symbolic links here (for tests). */
    boolean refsAreLinks() {
        return refs.links();
    }

    /** The directory of the files of {@code key} (for tests). */
    Layout layout() {
        return layout;
    }

    @Override
    protected void doClose() throws IOException {
        lockChannel.close();
    }

    // ---- recovery on open ----

    private void checkFormat() throws IOException {
        Path format = root.resolve(FORMAT_FILE);
        if (Files.exists(format)) {
            String text = Files.readString(format, StandardCharsets.UTF_8);
            if (!text.equals(FORMAT_TEXT)) {
                throw new CorruptionException(format + " says '" + text.strip() + "', but this version reads only '"
                        + FORMAT_TEXT.strip() + "'; open it with the OxiStore version that wrote it");
            }
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> foreign = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LOCK_FILE)).limit(3).toList();
            if (!foreign.isEmpty()) {
                throw new InvalidArgumentException(root + " is not empty and not a blob store (it has " + String.join(", ", foreign)
                        + " but no " + FORMAT_FILE + "); give an empty or new directory");
            }
        }
        writeAtomically(format, FORMAT_TEXT.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes what a crash or an abandoned upload left behind; runs under the lock, before any operation. */
    private void recover(Duration abandonedUploadAge) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.toList()) {
                deleteTree(p);
            }
        }
        Instant cutoff = Instant.now().minus(abandonedUploadAge);
        try (Stream<Path> s = Files.list(uploads)) {
            for (Path dir : s.toList()) {
                Instant started;
                try {
                    started = UploadMeta.decode(Files.readAllBytes(dir.resolve(UPLOAD_META)), dir.toString()).started();
                } catch (IOException | CorruptionException e) {
                    started = Instant.EPOCH; // a crash while it began: never usable
                }
                if (!started.isAfter(cutoff)) {
                    deleteTree(dir);
                }
            }
        }
        recoverObjects(layout.objects(), "");
    }

    /**
     * Removes version and part files that no reference names (a crash before a commit, or after it
     * and before the old version's files went) and empty directories; returns true when
     * {@code dir} is empty after.
     */
    private boolean recoverObjects(Path dir, String dirPrefix) throws IOException {
        Map<String, String> current = new HashMap<>(); // segment -> the ETag its reference names
        Set<String> damaged = new HashSet<>();
        Map<String, Map<String, List<Path>>> versions = new HashMap<>();
        boolean empty = true;
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            String[] parsed;
            if (name.endsWith(Layout.DIR_SUFFIX) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                String sub = dirPrefix + name.substring(0, name.length() - Layout.DIR_SUFFIX.length()) + "/";
                if (recoverObjects(p, sub)) {
                    Files.delete(p);
                } else {
                    empty = false;
                }
            } else if (name.endsWith(Refs.SUFFIX)) {
                String segment = name.substring(0, name.length() - Refs.SUFFIX.length());
                try {
                    current.put(segment, refs.read(p, segment));
                } catch (CorruptionException e) {
                    damaged.add(segment); // keep its files for whoever repairs it
                }
                empty = false;
            } else if ((parsed = Layout.parse(name)) != null) {
                versions.computeIfAbsent(parsed[0], k -> new HashMap<>()).computeIfAbsent(parsed[1], k -> new ArrayList<>()).add(p);
            } else {
                empty = false; // not ours: leave it
            }
        }
        for (Map.Entry<String, Map<String, List<Path>>> e : versions.entrySet()) {
            String keep = current.get(e.getKey());
            for (Map.Entry<String, List<Path>> v : e.getValue().entrySet()) {
                if (v.getKey().equals(keep) || damaged.contains(e.getKey())) {
                    empty = false;
                } else {
                    for (Path p : v.getValue()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return empty;
    }

    // ---- file helpers ----

    /** A new unique name for a file in {@code tmp/}. */
    static String tempName() {
        return newId() + ".tmp";
    }

    /**
     * Writes {@code in} to its end into a new {@code file}, hashing into {@code sha} when given,
     * and forces it. The source's own {@code transferTo} moves the bytes, so an array is written in
     * one call and a file channel may go straight to the file.
     */
    private long writeFile(InputStream in, Path file, MessageDigest sha) throws IOException {
        try (FileChannel ch = create(file)) {
            OutputStream out = Channels.newOutputStream(ch);
            in.transferTo(sha == null ? out : new DigestOutputStream(out, sha));
            if (sync) {
                ch.force(true);
            }
            return ch.size();
        }
    }

    /** Writes exactly {@code limit} bytes of {@code in} to a new {@code file}, forced. */
    private long writeFile(InputStream in, Path file, long limit) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER, limit))];
        long written = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (written < limit) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, limit - written));
                if (n == 0) {
                    throw new InvalidArgumentException("the stream ended after " + written + " bytes, before the declared length "
                            + limit + "; pass the exact length of the part");
                }
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                written += n;
            }
            if (sync) {
                ch.force(true);
            }
        }
        return written;
    }

    /** Creates {@code file}, and its directory when missing (a new key, or one a delete just pruned). */
    private FileChannel create(Path file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
                ensureDirs(file.getParent());
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path file = tmp.resolve(tempName());
        if (!Files.isDirectory(tmp)) {
            Files.createDirectories(tmp);
        }
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            force(file);
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDir(target.getParent());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void force(Path file) throws IOException {
        if (sync) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }

    private void forceDir(Path dir) throws IOException {
        if (sync) {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (NoSuchFileException e) {
                // removed meanwhile: nothing of ours is in it
            }
        }
    }

    /** Creates {@code dir} and missing parents, forcing each parent that gained an entry. */
    private void ensureDirs(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        ensureDirs(dir.getParent());
        try {
            Files.createDirectory(dir);
            forceDir(dir.getParent());
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent writer
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    // a part landed meanwhile; the next open removes it
                }
            }
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        }
    }

    private ReentrantLock keyLock(String key) {
        return keyLocks[Math.floorMod(key.hashCode(), STRIPES)];
    }

    private ReentrantLock uploadLock(String id) {
        return uploadLocks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    private NotFoundException notFound(String key) {
        return new NotFoundException("no object '" + key + "' in " + this);
    }

    private NotFoundException uploadGone(MultipartUpload upload) {
        return new NotFoundException("multipart upload " + upload.uploadId() + " of '" + upload.key()
                + "' is not in progress (completed, aborted, cleaned as abandoned, or never started); initiate a new one");
    }
}
