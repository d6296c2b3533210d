package dev.oxistore.testkit.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxistore.blob.BlobKeys;
import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobPage;
import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.BlobSummary;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.blob.ChecksumMismatchException;
import dev.oxistore.blob.InvalidKeyException;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.PreconditionFailedException;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.UploadedPart;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreException;
import dev.oxistore.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of {@link BlobStore}, one test per rule or edge, for every backend (the cloud ones
 * included): writes and reads in every form, ranges, head, delete, listing order and stable
 * pagination, copy, conditional writes, multipart uploads, content addressing with bit-rot
 * detection, key rules, concurrency (last writer wins, never a torn object), closing, persistence,
 * a seeded model-based test against a {@link TreeMap}, and a 1 GiB object streamed through a
 * child JVM whose heap is 256 MiB.
 *
 * <p>A backend's test extends this class and implements {@link #factory()}. Iteration counts
 * scale with {@code -Doxistore.soak=N}; the model test's seed is printed on failure and replayed
 * with {@code -Doxistore.seed=S}.
 */
public abstract class BlobStoreConformanceSuite {

    /** Bounds a broken run; never judges speed. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    private static final long GIB = 1L << 30;

    @TempDir
    Path temp;

    /** The store under test, opened before each test on {@link #storeDir()}. */
    protected BlobStore store;

    /** The backend under test. */
    protected abstract BlobStoreFactory factory();

    /** The directory the store of this test lives in. */
    protected Path storeDir() {
        return temp.resolve("store");
    }

    @BeforeEach
    void openStore() {
        store = factory().open(storeDir());
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** Closes and opens the store again (persistent backends only). */
    protected void reopen() {
        store.close();
        store = factory().open(storeDir());
    }

    // ---- helpers ----

    /** The result of {@code f}, or its failure's cause thrown as is. */
    protected static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(HANG_GUARD.toMillis() * soak(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a blob operation did not finish within " + HANG_GUARD + " (hang?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The exception {@code f} failed with (the test fails if it succeeded). */
    protected static Throwable failure(CompletableFuture<?> f) {
        try {
            Object v = join(f);
            throw new AssertionError("expected a failure, got " + v);
        } catch (RuntimeException e) {
            return e;
        }
    }

    static int soak() {
        return Integer.getInteger("oxistore.soak", 1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every key of every page, following tokens. */
    List<String> listKeys(String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            BlobPage page = join(store.list(prefix, null, token, pageSize));
            page.blobs().forEach(b -> keys.add(b.key()));
            token = page.nextPageToken().orElse(null);
        } while (token != null);
        return keys;
    }

    // ---- writes and reads ----

    @Test
    void putAndGetBytesWithMetadata() {
        byte[] data = utf8("hello, blob");
        PutOptions o = PutOptions.defaults().withContentType("text/plain").withMetadata("owner", "ada").withMetadata("n", "1");
        BlobMetadata put = join(store.put("docs/hello.txt", data, o));
        assertThat(put.key()).isEqualTo("docs/hello.txt");
        assertThat(put.size()).isEqualTo(data.length);
        assertThat(put.etag()).isNotEmpty();
        assertThat(put.contentType()).isEqualTo("text/plain");
        assertThat(put.userMetadata()).isEqualTo(Map.of("owner", "ada", "n", "1"));
        assertThat(put.sha256()).contains(sha256(data));
        assertThat(put.created()).isEqualTo(put.modified());
        assertThat(join(store.get("docs/hello.txt"))).isEqualTo(data);
        assertThat(join(store.head("docs/hello.txt"))).contains(put);
        assertThat(read(join(store.openStream("docs/hello.txt")))).isEqualTo(data);
    }

    @Test
    void defaultsApplyWithoutOptions() {
        BlobMetadata m = join(store.put("plain", new byte[] {1, 2, 3}));
        assertThat(m.contentType()).isEqualTo(PutOptions.DEFAULT_CONTENT_TYPE);
        assertThat(m.userMetadata()).isEmpty();
    }

    @Test
    void sha256IsLeftOutWhenNotAskedFor() {
        BlobMetadata m = join(store.put("nohash", new byte[] {1}, PutOptions.defaults().withSha256(false)));
        assertThat(m.sha256()).isEmpty();
        assertThat(join(store.get("nohash"))).containsExactly(1);
    }

    @Test
    void emptyObject() {
        BlobMetadata m = join(store.put("empty", new byte[0]));
        assertThat(m.size()).isZero();
        assertThat(join(store.get("empty"))).isEmpty();
        assertThat(read(join(store.openStream("empty")))).isEmpty();
        assertThat(join(store.get("empty", ByteRange.of(0, 10)))).isEmpty();
    }

    @Test
    void putFromStreamOfUnknownLengthReadsToTheEndAndLeavesItOpen() {
        long seed = 7;
        int size = (3 << 20) + 17;
        AtomicBoolean closed = new AtomicBoolean();
        InputStream source = new java.io.FilterInputStream(Pattern.stream(seed, size, 4093)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        BlobMetadata m = join(store.put("stream", source));
        assertThat(m.size()).isEqualTo(size);
        assertThat(closed).isFalse();
        assertThat(Pattern.check(join(store.openStream("stream")), seed, 0, size)).isNull();
        assertThat(m.sha256()).contains(sha256(Pattern.bytes(seed, size)));
    }

    @Test
    void putFromPublisherRequestsBufferByBuffer() {
        int buffers = 300;
        int each = 10_007;
        AtomicLong maxOutstanding = new AtomicLong();
        Flow.Publisher<ByteBuffer> publisher = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private long requested;
            private int sent;
            private boolean emitting;

            @Override
            public synchronized void request(long n) {
                requested += n;
                maxOutstanding.accumulateAndGet(requested, Math::max);
                if (emitting) {
                    return;
                }
                emitting = true;
                while (requested > 0 && sent < buffers) {
                    requested--;
                    byte[] b = new byte[each];
                    Pattern.fill(11, (long) sent * each, b, 0, each);
                    sent++;
                    subscriber.onNext(ByteBuffer.wrap(b));
                }
                if (sent == buffers) {
                    sent++;
                    subscriber.onComplete();
                }
                emitting = false;
            }

            @Override
            public void cancel() {
            }
        });
        BlobMetadata m = join(store.put("published", publisher, PutOptions.defaults()));
        assertThat(m.size()).isEqualTo((long) buffers * each);
        assertThat(Pattern.check(join(store.openStream("published")), 11, 0, (long) buffers * each)).isNull();
        assertThat(maxOutstanding.get()).as("buffers requested ahead (bounded memory)").isLessThanOrEqualTo(4);
    }

    @Test
    void failingPublisherLeavesTheOldObject() {
        join(store.put("p", utf8("old")));
        Flow.Publisher<ByteBuffer> failing = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                if (!done) {
                    done = true;
                    subscriber.onNext(ByteBuffer.wrap(utf8("partial new bytes")));
                    subscriber.onError(new IOException("network down"));
                }
            }

            @Override
            public void cancel() {
            }
        });
        assertThat(failure(store.put("p", failing, PutOptions.defaults()))).isInstanceOf(StoreException.class);
        assertThat(join(store.get("p"))).isEqualTo(utf8("old"));
    }

    @Test
    void failingInputStreamLeavesTheOldObject() {
        join(store.put("s", utf8("old")));
        InputStream broken = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 100_000) {
                    return 'x';
                }
                throw new IOException("disk of the source failed");
            }
        };
        assertThat(failure(store.put("s", broken))).isInstanceOf(StoreException.class);
        assertThat(join(store.get("s"))).isEqualTo(utf8("old"));
    }

    @Test
    void overwriteGivesANewEtagAndKeepsCreated() throws InterruptedException {
        BlobMetadata first = join(store.put("k", utf8("one")));
        Thread.sleep(5);
        BlobMetadata second = join(store.put("k", utf8("two"), PutOptions.defaults().withContentType("text/plain")));
        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThat(second.created()).isEqualTo(first.created());
        assertThat(second.modified()).isAfterOrEqualTo(first.modified());
        assertThat(second.contentType()).isEqualTo("text/plain");
        assertThat(join(store.get("k"))).isEqualTo(utf8("two"));
        BlobMetadata same = join(store.put("k", utf8("two")));
        assertThat(same.etag()).as("every write gets a new ETag, even of equal bytes").isNotEqualTo(second.etag());
    }

    @Test
    void missingObjects() {
        assertThat(failure(store.get("nope"))).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
        assertThat(failure(store.openStream("nope"))).isInstanceOf(NotFoundException.class);
        assertThat(failure(store.get("nope", ByteRange.of(0, 1)))).isInstanceOf(NotFoundException.class);
        assertThat(join(store.head("nope"))).isEmpty();
        assertThat(join(store.delete("nope"))).isFalse();
        assertThat(failure(store.copy("nope", "other"))).isInstanceOf(NotFoundException.class);
        assertThat(join(store.head("other"))).isEmpty();
    }

    @Test
    void rangeReads() {
        byte[] data = Pattern.bytes(3, 1000);
        join(store.put("r", data));
        assertThat(join(store.get("r", ByteRange.of(0, 10)))).isEqualTo(Arrays.copyOfRange(data, 0, 10));
        assertThat(join(store.get("r", ByteRange.of(500, 250)))).isEqualTo(Arrays.copyOfRange(data, 500, 750));
        assertThat(join(store.get("r", ByteRange.from(990)))).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
        assertThat(join(store.get("r", ByteRange.of(995, 100)))).as("cut at the end").isEqualTo(Arrays.copyOfRange(data, 995, 1000));
        assertThat(join(store.get("r", ByteRange.of(1000, 5)))).isEmpty();
        assertThat(join(store.get("r", ByteRange.of(10, 0)))).isEmpty();
        assertThat(read(join(store.openStream("r", ByteRange.of(1, 998))))).isEqualTo(Arrays.copyOfRange(data, 1, 999));
        assertThat(failure(store.get("r", ByteRange.of(1001, 1)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("1000 bytes");
    }

    @Test
    void streamKeepsReadingTheVersionItOpened() {
        byte[] v1 = Pattern.bytes(1, 200_000);
        join(store.put("v", v1));
        InputStream in = join(store.openStream("v"));
        join(store.put("v", Pattern.bytes(2, 300_000)));
        InputStream in2 = join(store.openStream("v"));
        join(store.delete("v"));
        assertThat(read(in)).isEqualTo(v1);
        assertThat(Pattern.check(in2, 2, 0, 300_000)).isNull();
    }

    // ---- delete ----

    @Test
    void deleteAndDeleteAll() {
        for (String k : List.of("logs/1", "logs/2", "logs/deep/3", "logsx", "other/1", "top")) {
            join(store.put(k, utf8(k)));
        }
        assertThat(join(store.delete("logsx"))).isTrue();
        assertThat(join(store.head("logsx"))).isEmpty();
        assertThat(join(store.delete("logsx"))).isFalse();
        assertThat(join(store.deleteAll("logs/"))).isEqualTo(3);
        assertThat(listKeys("", 1000)).containsExactly("other/1", "top");
        assertThat(join(store.deleteAll("nothing/"))).isZero();
        assertThat(join(store.deleteAll(""))).isEqualTo(2);
        assertThat(listKeys("", 1000)).isEmpty();
        join(store.put("logs/1", utf8("again")));
        assertThat(join(store.get("logs/1"))).isEqualTo(utf8("again"));
    }

    // ---- listing ----

    @Test
    void listIsInUtf8ByteOrderWithSummaries() {
        List<String> keys = List.of("b", "a", "a/b", "a/c/d", "a-b", "a.b", "a0", "\u00e9", "\uFFFD", "\uD83D\uDE00", "A", "a b");
        for (String k : keys) {
            join(store.put(k, utf8("v:" + k)));
        }
        List<String> expected = new ArrayList<>(keys);
        expected.sort(BlobKeys.ORDER);
        assertThat(listKeys("", 1000)).containsExactlyElementsOf(expected);
        // Code point order: the emoji (U+1F600) sorts after U+FFFD, unlike in UTF-16 order.
        assertThat(expected.indexOf("\uD83D\uDE00")).isGreaterThan(expected.indexOf("\uFFFD"));
        BlobSummary s = join(store.list("a/b", null, null, 10)).blobs().get(0);
        BlobMetadata m = join(store.head("a/b")).orElseThrow();
        assertThat(s).isEqualTo(m.summary());
    }

    @Test
    void listWithPrefixAndDelimiter() {
        for (String k : List.of("a", "a/b", "a/c/d", "a/c/e", "a/f", "a-b", "b/x", "c")) {
            join(store.put(k, utf8(k)));
        }
        BlobPage top = join(store.list("", "/", null, 100));
        assertThat(top.blobs()).extracting(BlobSummary::key).containsExactly("a", "a-b", "c");
        assertThat(top.commonPrefixes()).containsExactly("a/", "b/");
        assertThat(top.hasMore()).isFalse();
        BlobPage inA = join(store.list("a/", "/", null, 100));
        assertThat(inA.blobs()).extracting(BlobSummary::key).containsExactly("a/b", "a/f");
        assertThat(inA.commonPrefixes()).containsExactly("a/c/");
        BlobPage partial = join(store.list("a/c", null, null, 100));
        assertThat(partial.blobs()).extracting(BlobSummary::key).containsExactly("a/c/d", "a/c/e");
        assertThat(listKeys("a", 100)).containsExactly("a", "a-b", "a/b", "a/c/d", "a/c/e", "a/f");
        assertThat(listKeys("zz", 100)).isEmpty();
        BlobPage dash = join(store.list("", "-", null, 100));
        assertThat(dash.commonPrefixes()).containsExactly("a-");
    }

    @Test
    void paginationWithDelimiterCountsPrefixesAsEntries() {
        for (int d = 0; d < 5; d++) {
            for (int i = 0; i < 3; i++) {
                join(store.put("dir" + d + "/f" + i, new byte[] {1}));
            }
            join(store.put("file" + d, new byte[] {2}));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            BlobPage page = join(store.list("", "/", token, 2));
            assertThat(page.blobs().size() + page.commonPrefixes().size()).isBetween(1, 2);
            page.commonPrefixes().forEach(seen::add);
            page.blobs().forEach(b -> seen.add(b.key()));
            token = page.nextPageToken().orElse(null);
            pages++;
        } while (token != null);
        assertThat(seen).containsExactly("dir0/", "dir1/", "dir2/", "dir3/", "dir4/", "file0", "file1", "file2", "file3", "file4");
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void smallPagesListEveryKeyOnce() {
        List<String> keys = IntStream.range(0, 53).mapToObj(i -> "p/" + String.format("%03d", i * 7 % 53)).toList();
        for (String k : keys) {
            join(store.put(k, new byte[] {(byte) k.hashCode()}));
        }
        for (int size : new int[] {1, 7, 52, 53, 54, 5000}) {
            List<String> listed = listKeys("p/", size);
            assertThat(listed).as("page size " + size).containsExactlyElementsOf(keys.stream().sorted().toList());
        }
    }

    @Test
    void badListArguments() {
        assertThat(failure(store.list("", null, null, 0))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.list("", "", null, 10))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.list("", null, "not a token!", 10))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("token");
        assertThat(failure(store.list(null, null, null, 10))).isInstanceOf(InvalidKeyException.class);
        assertThat(failure(store.list("/abs", null, null, 10))).isInstanceOf(InvalidKeyException.class);
        assertThat(failure(store.list("a\u0000", null, null, 10))).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void paginationOver10000KeysLosesAndRepeatsNothingWhileKeysAreInserted() throws Exception {
        int n = 10_000;
        List<String> originals = IntStream.range(0, n).mapToObj(i -> String.format("many/k%05d", i)).toList();
        putAll(originals, 32);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inserted = new AtomicInteger();
        Random random = new Random(42);
        // A concurrent writer (bounded, so it cannot starve the listing), and between pages a few
        // keys just behind and just ahead of the page position, which a position-based token must
        // neither repeat nor let push an original key out of the listing.
        CompletableFuture<Void> inserter = CompletableFuture.runAsync(() -> {
            while (!stop.get() && inserted.get() < 2_000) {
                int i = random.nextInt(n);
                join(store.put(String.format("many/k%05d-new%d", i, inserted.getAndIncrement()), new byte[] {9}));
            }
        });
        List<String> listed = new ArrayList<>();
        try {
            String token = null;
            do {
                BlobPage page = join(store.list("many/", null, token, 250));
                page.blobs().forEach(b -> listed.add(b.key()));
                token = page.nextPageToken().orElse(null);
                if (!page.blobs().isEmpty()) {
                    String at = page.blobs().getLast().key();
                    for (String k : List.of(at + "-just-after", at + "/child", "many/a-behind-all", "many/z-ahead-of-all")) {
                        join(store.put(k + inserted.getAndIncrement(), new byte[] {8}));
                    }
                }
            } while (token != null);
        } finally {
            stop.set(true);
            inserter.get(2, TimeUnit.MINUTES);
        }
        for (int i = 1; i < listed.size(); i++) {
            assertThat(BlobKeys.compare(listed.get(i - 1), listed.get(i))).as("strictly ascending at " + i).isNegative();
        }
        Set<String> seen = new HashSet<>(listed);
        assertThat(seen).hasSameSizeAs(listed);
        assertThat(seen).containsAll(originals);
        assertThat(inserted.get()).as("keys were inserted during the listing").isPositive();
    }

    private void putAll(List<String> keys, int parallel) {
        List<CompletableFuture<BlobMetadata>> window = new ArrayList<>();
        for (String k : keys) {
            window.add(store.put(k, utf8(k), PutOptions.defaults().withSha256(false)));
            if (window.size() == parallel) {
                window.forEach(BlobStoreConformanceSuite::join);
                window.clear();
            }
        }
        window.forEach(BlobStoreConformanceSuite::join);
    }

    // ---- copy ----

    @Test
    void copyKeepsContentTypeAndMetadataWithANewEtag() {
        PutOptions o = PutOptions.defaults().withContentType("image/png").withMetadata("w", "640");
        BlobMetadata src = join(store.put("img/a.png", Pattern.bytes(5, 70_000), o));
        join(store.put("img/b.png", utf8("to be replaced")));
        BlobMetadata copy = join(store.copy("img/a.png", "img/b.png"));
        assertThat(copy.key()).isEqualTo("img/b.png");
        assertThat(copy.etag()).isNotEqualTo(src.etag());
        assertThat(copy.size()).isEqualTo(70_000);
        assertThat(copy.contentType()).isEqualTo("image/png");
        assertThat(copy.userMetadata()).isEqualTo(Map.of("w", "640"));
        join(store.put("img/a.png", utf8("changed")));
        assertThat(join(store.get("img/b.png"))).isEqualTo(Pattern.bytes(5, 70_000));
        join(store.delete("img/a.png"));
        assertThat(join(store.get("img/b.png"))).isEqualTo(Pattern.bytes(5, 70_000));
        assertThat(join(store.copy("img/b.png", "img/b.png")).size()).isEqualTo(70_000);
        assertThat(join(store.get("img/b.png"))).isEqualTo(Pattern.bytes(5, 70_000));
    }

    // ---- conditional writes ----

    @Test
    void conditionalPuts() {
        BlobMetadata first = join(store.put("c", utf8("1"), PutOptions.defaults().ifAbsent()));
        Throwable again = failure(store.put("c", utf8("2"), PutOptions.defaults().ifAbsent()));
        assertThat(again).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("already exists");
        assertThat(((StoreException) again).isRetryable()).isFalse();
        assertThat(join(store.get("c"))).isEqualTo(utf8("1"));
        BlobMetadata second = join(store.put("c", utf8("3"), PutOptions.defaults().ifMatch(first.etag())));
        assertThat(failure(store.put("c", utf8("4"), PutOptions.defaults().ifMatch(first.etag()))))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining(second.etag());
        assertThat(join(store.get("c"))).isEqualTo(utf8("3"));
        assertThat(failure(store.put("absent", utf8("x"), PutOptions.defaults().ifMatch(first.etag()))))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(join(store.head("absent"))).isEmpty();
    }

    @Test
    void exactlyOneOfManyIfAbsentWritersWins() {
        int writers = 16;
        List<CompletableFuture<BlobMetadata>> all = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            all.add(store.put("lock", utf8("owner " + i), PutOptions.defaults().ifAbsent()));
        }
        int won = 0;
        String winner = null;
        for (int i = 0; i < writers; i++) {
            try {
                join(all.get(i));
                won++;
                winner = "owner " + i;
            } catch (PreconditionFailedException e) {
                // lost the race, as all but one must
            }
        }
        assertThat(won).isEqualTo(1);
        assertThat(new String(join(store.get("lock")), StandardCharsets.UTF_8)).isEqualTo(winner);
    }

    // ---- concurrency ----

    @Test
    void concurrentWritersOfOneKeyLastWinsNeverTorn() throws Exception {
        int writers = 6;
        int rounds = 6 * soak();
        Map<String, Long> seedOfEtag = new ConcurrentHashMap<>();
        Map<Long, Integer> sizeOfSeed = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<String> torn = Collections.synchronizedList(new ArrayList<>());
        // Each object starts with its seed and size, so a reader can check it is whole and one writer's.
        CompletableFuture<?> reader = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                try (InputStream in = join(store.openStream("shared"))) {
                    byte[] all = in.readAllBytes();
                    ByteBuffer header = ByteBuffer.wrap(all, 0, 12);
                    long seed = header.getLong();
                    int size = header.getInt();
                    if (all.length != size || !Arrays.equals(all, 12, size, Pattern.bytes(seed, size), 12, size)) {
                        torn.add("seed " + seed + " size " + size + " read " + all.length);
                    }
                    reads.incrementAndGet();
                } catch (NotFoundException e) {
                    // not written yet
                } catch (IOException e) {
                    torn.add(e.toString());
                }
            }
        });
        List<CompletableFuture<Void>> ws = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            ws.add(CompletableFuture.runAsync(() -> {
                for (int r = 0; r < rounds; r++) {
                    long seed = id * 1000L + r;
                    int size = 12 + 50_000 + (int) (seed % 7) * 33_333;
                    byte[] b = Pattern.bytes(seed, size);
                    ByteBuffer.wrap(b).putLong(seed).putInt(size);
                    sizeOfSeed.put(seed, size);
                    BlobMetadata m = join(store.put("shared", b));
                    seedOfEtag.put(m.etag(), seed);
                }
            }));
        }
        for (CompletableFuture<Void> w : ws) {
            w.get(2, TimeUnit.MINUTES);
        }
        done.set(true);
        reader.get(2, TimeUnit.MINUTES);
        assertThat(torn).isEmpty();
        assertThat(reads.get()).isPositive();
        BlobMetadata last = join(store.head("shared")).orElseThrow();
        Long seed = seedOfEtag.get(last.etag());
        assertThat(seed).as("the final object is one writer's").isNotNull();
        byte[] content = join(store.get("shared"));
        assertThat(ByteBuffer.wrap(content).getLong()).isEqualTo(seed);
        assertThat(content).hasSize(sizeOfSeed.get(seed));
        // Afterwards, a write that follows all others is what everyone reads.
        BlobMetadata fin = join(store.put("shared", utf8("final")));
        assertThat(join(store.head("shared"))).contains(fin);
    }

    // ---- multipart ----

    long partSize() {
        return Math.max(store.minPartSize(), 256 << 10) + 13;
    }

    @Test
    void multipartUploadInParallelAndRangeReadsAcrossPartBoundaries() {
        long p = partSize();
        long last = p / 3;
        long total = 3 * p + last;
        long seed = 99;
        MultipartUpload up = join(store.initiateMultipart("mp/object.bin",
                PutOptions.defaults().withContentType("application/x-test").withMetadata("parts", "4")));
        assertThat(up.key()).isEqualTo("mp/object.bin");
        List<CompletableFuture<UploadedPart>> futures = new ArrayList<>();
        for (int i = 4; i >= 1; i--) {
            long start = (i - 1) * p;
            long len = i == 4 ? last : p;
            InputStream in = new ByteArrayInputStream(patternSlice(seed, start, len));
            futures.add(store.uploadPart(up, i, in, len));
        }
        List<UploadedPart> parts = new ArrayList<>(futures.stream().map(BlobStoreConformanceSuite::join).toList());
        parts.sort((a, b) -> Integer.compare(a.partNumber(), b.partNumber()));
        assertThat(parts).extracting(UploadedPart::size).containsExactly(p, p, p, last);
        assertThat(join(store.head("mp/object.bin"))).as("invisible until complete").isEmpty();
        assertThat(listKeys("mp/", 10)).isEmpty();
        BlobMetadata m = join(store.completeMultipart(up, parts));
        assertThat(m.size()).isEqualTo(total);
        assertThat(m.contentType()).isEqualTo("application/x-test");
        assertThat(m.userMetadata()).containsEntry("parts", "4");
        assertThat(Pattern.check(join(store.openStream("mp/object.bin")), seed, 0, total)).isNull();
        for (int boundary = 1; boundary <= 3; boundary++) {
            long at = boundary * p - 5;
            assertThat(join(store.get("mp/object.bin", ByteRange.of(at, 10))))
                    .as("across boundary " + boundary).isEqualTo(patternSlice(seed, at, 10));
        }
        long from = p - 1;
        long len = 2 * p + 2 + last / 2;
        assertThat(Pattern.check(join(store.openStream("mp/object.bin", ByteRange.of(from, len))), seed, from, len)).isNull();
        assertThat(join(store.get("mp/object.bin", ByteRange.of(p, p)))).isEqualTo(patternSlice(seed, p, p));
        assertThat(failure(store.completeMultipart(up, parts))).as("completed uploads are gone").isInstanceOf(NotFoundException.class);
    }

    static byte[] patternSlice(long seed, long from, long len) {
        byte[] b = new byte[Math.toIntExact(len)];
        Pattern.fill(seed, from, b, 0, b.length);
        return b;
    }

    @Test
    void multipartPartsCanBeReplacedAndCompletionChecksThem() {
        long p = partSize();
        MultipartUpload up = join(store.initiateMultipart("mp2", PutOptions.defaults()));
        UploadedPart one = join(store.uploadPart(up, 1, patternSlice(1, 0, p)));
        UploadedPart twoOld = join(store.uploadPart(up, 2, utf8("old second part")));
        UploadedPart two = join(store.uploadPart(up, 2, utf8("new second part")));
        assertThat(two.etag()).isNotEqualTo(twoOld.etag());
        assertThat(failure(store.completeMultipart(up, List.of(one, twoOld)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("part 2");
        assertThat(failure(store.completeMultipart(up, List.of(two, one)))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("ascending");
        assertThat(failure(store.completeMultipart(up, List.of()))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.uploadPart(up, 0, new byte[1]))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.uploadPart(up, BlobStore.MAX_PARTS + 1, new byte[1]))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.uploadPart(up, 3, new ByteArrayInputStream(new byte[5]), 6)))
                .as("a stream shorter than its declared length").isInstanceOf(InvalidArgumentException.class);
        BlobMetadata m = join(store.completeMultipart(up, List.of(one, two)));
        byte[] expected = new byte[Math.toIntExact(p) + 15];
        System.arraycopy(patternSlice(1, 0, p), 0, expected, 0, (int) p);
        System.arraycopy(utf8("new second part"), 0, expected, (int) p, 15);
        assertThat(m.size()).isEqualTo(expected.length);
        assertThat(join(store.get("mp2"))).isEqualTo(expected);
    }

    @Test
    void abortedUploadsAreGone() {
        MultipartUpload up = join(store.initiateMultipart("mp3", PutOptions.defaults()));
        UploadedPart one = join(store.uploadPart(up, 1, utf8("x")));
        join(store.abortMultipart(up));
        join(store.abortMultipart(up));
        assertThat(failure(store.completeMultipart(up, List.of(one)))).isInstanceOf(NotFoundException.class);
        assertThat(failure(store.uploadPart(up, 2, utf8("y")))).isInstanceOf(NotFoundException.class);
        assertThat(join(store.head("mp3"))).isEmpty();
        assertThat(failure(store.uploadPart(new MultipartUpload("mp3", "no-such-upload"), 1, utf8("z"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void multipartChecksItsPreconditionAtCompletion() {
        MultipartUpload up = join(store.initiateMultipart("mp4", PutOptions.defaults().ifAbsent()));
        UploadedPart one = join(store.uploadPart(up, 1, utf8("multi")));
        join(store.put("mp4", utf8("someone else")));
        assertThat(failure(store.completeMultipart(up, List.of(one)))).isInstanceOf(PreconditionFailedException.class);
        assertThat(join(store.get("mp4"))).isEqualTo(utf8("someone else"));
        join(store.delete("mp4"));
        assertThat(join(store.completeMultipart(up, List.of(one))).size()).as("a failed precondition leaves the upload").isEqualTo(5);
        assertThat(join(store.get("mp4"))).isEqualTo(utf8("multi"));
    }

    // ---- content addressing ----

    @Test
    void contentIsStoredOnceByDigestAndVerifiedOnRead() {
        byte[] data = Pattern.bytes(21, 1 << 20);
        String digest = join(store.putContent(data));
        assertThat(digest).isEqualTo(sha256(data));
        assertThat(join(store.putContent(new ByteArrayInputStream(data)))).isEqualTo(digest);
        assertThat(join(store.hasContent(digest))).isTrue();
        assertThat(join(store.hasContent(digest.toUpperCase()))).isTrue();
        assertThat(read(join(store.getContent(digest)))).isEqualTo(data);
        assertThat(listKeys("", 1000)).as("content is not among keyed objects").isEmpty();
        assertThat(join(store.deleteContent(digest))).isTrue();
        assertThat(join(store.deleteContent(digest))).isFalse();
        assertThat(join(store.hasContent(digest))).isFalse();
        assertThat(failure(store.getContent(digest))).isInstanceOf(NotFoundException.class);
        assertThat(failure(store.getContent("abc"))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("64 hex");
        assertThat(failure(store.getContent(null))).isInstanceOf(InvalidArgumentException.class);
        String empty = join(store.putContent(new byte[0]));
        assertThat(read(join(store.getContent(empty)))).isEmpty();
    }

    @Test
    void bitRotInContentRaisesChecksumMismatch() {
        byte[] data = Pattern.bytes(23, 100_000);
        String digest = join(store.putContent(data));
        assumeTrue(factory().corruptContent(store, storeDir(), digest), "the backend cannot be damaged from outside");
        InputStream in = join(store.getContent(digest));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(in::readAllBytes);
        assertThat(t).isInstanceOf(ChecksumMismatchException.class).hasMessageContaining(digest);
        assertThat(((ChecksumMismatchException) t).expected()).isEqualTo(digest);
    }

    // ---- keys ----

    /** Keys every backend must refuse, with why. */
    protected static final List<String> HOSTILE_KEYS = List.of("", "/etc/passwd", "/", "a/", "a//b", "..", ".", "../x",
            "a/../../b", "a/./b", "a/..", "x\u0000y", "a\\b", "..\\..\\windows", "line\nbreak", "tab\there", "del\u007F",
            "lone\uD800surrogate", "k".repeat(BlobKeys.MAX_SEGMENT_BYTES + 1), ("s".repeat(100) + "/").repeat(11) + "end");

    @Test
    void hostileKeysAreRefusedByEveryOperation() {
        join(store.put("good", utf8("g")));
        for (String bad : HOSTILE_KEYS) {
            Throwable t = failure(store.put(bad, utf8("x")));
            assertThat(t).as("put of %s", printable(bad)).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining("keys are 1 to");
            assertThat(((InvalidKeyException) t).key()).isEqualTo(bad);
            assertThat(failure(store.get(bad))).isInstanceOf(InvalidKeyException.class);
            assertThat(failure(store.head(bad))).isInstanceOf(InvalidKeyException.class);
            assertThat(failure(store.delete(bad))).isInstanceOf(InvalidKeyException.class);
            assertThat(failure(store.copy("good", bad))).isInstanceOf(InvalidKeyException.class);
            assertThat(failure(store.copy(bad, "good2"))).isInstanceOf(InvalidKeyException.class);
            assertThat(failure(store.initiateMultipart(bad, PutOptions.defaults()))).isInstanceOf(InvalidKeyException.class);
        }
        assertThat(failure(store.put(null, utf8("x")))).isInstanceOf(InvalidKeyException.class);
        assertThat(listKeys("", 1000)).containsExactly("good");
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> b.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", c) : Character.toString(c)));
        return "'" + b + "'";
    }

    @Test
    void unusualButValidKeysWork() {
        List<String> keys = List.of("a b", "\u00fc/\u00f1", "x.meta", "y.d/z", "..a", "a..", ".hidden", "tmp/x", "objects/y",
                "q.0123456789abcdef0123456789abcdef.0.data", "k".repeat(BlobKeys.MAX_SEGMENT_BYTES),
                ("s".repeat(99) + "/").repeat(10) + "e".repeat(BlobKeys.MAX_KEY_BYTES - 1000), "\uD83D\uDE00/emoji", "%2e%2e/x");
        for (String k : keys) {
            join(store.put(k, utf8("v" + k)));
        }
        for (String k : keys) {
            assertThat(join(store.get(k))).as(k).isEqualTo(utf8("v" + k));
        }
        assertThat(listKeys("", 1000)).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void badArgumentsFailTheFuture() {
        assertThat(failure(store.put("k", (byte[]) null))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.put("k", (InputStream) null))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.put("k", new byte[1], null))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.get("k", null))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.putContent((InputStream) null))).isInstanceOf(InvalidArgumentException.class);
        assertThat(failure(store.completeMultipart(null, List.of()))).isInstanceOf(InvalidArgumentException.class);
    }

    // ---- lifecycle ----

    @Test
    void closedStoreRefusesEverythingButOpenStreamsStayReadable() {
        byte[] data = Pattern.bytes(4, 100_000);
        join(store.put("k", data));
        InputStream open = join(store.openStream("k"));
        store.close();
        store.close();
        assertThat(failure(store.put("k", utf8("x")))).isInstanceOf(StoreClosedException.class);
        assertThat(failure(store.get("k"))).isInstanceOf(StoreClosedException.class);
        assertThat(failure(store.head("k"))).isInstanceOf(StoreClosedException.class);
        assertThat(failure(store.list("", null, null, 10))).isInstanceOf(StoreClosedException.class);
        assertThat(failure(store.putContent(new byte[1]))).isInstanceOf(StoreClosedException.class);
        assertThat(read(open)).isEqualTo(data);
        store = null;
    }

    @Test
    void everythingSurvivesReopen() {
        assumeTrue(factory().persistent(), "the backend keeps nothing after close");
        BlobMetadata a = join(store.put("keep/a", utf8("A"), PutOptions.defaults().withContentType("text/plain").withMetadata("x", "1")));
        MultipartUpload up = join(store.initiateMultipart("keep/mp", PutOptions.defaults()));
        UploadedPart p1 = join(store.uploadPart(up, 1, patternSlice(8, 0, partSize())));
        UploadedPart p2 = join(store.uploadPart(up, 2, patternSlice(8, partSize(), 10)));
        BlobMetadata mp = join(store.completeMultipart(up, List.of(p1, p2)));
        String digest = join(store.putContent(utf8("content")));
        MultipartUpload pending = join(store.initiateMultipart("keep/pending", PutOptions.defaults()));
        UploadedPart pp = join(store.uploadPart(pending, 1, utf8("pending")));
        reopen();
        assertThat(join(store.head("keep/a"))).contains(a);
        assertThat(join(store.head("keep/mp"))).contains(mp);
        assertThat(Pattern.check(join(store.openStream("keep/mp")), 8, 0, partSize() + 10)).isNull();
        assertThat(read(join(store.getContent(digest)))).isEqualTo(utf8("content"));
        assertThat(join(store.completeMultipart(pending, List.of(pp))).size()).as("a recent upload survives reopen").isEqualTo(7);
        assertThat(listKeys("", 100)).containsExactly("keep/a", "keep/mp", "keep/pending");
    }

    // ---- model ----

    @Test
    void randomOperationsMatchAModel() {
        Long replay = Long.getLong("oxistore.seed");
        int sequences = 3 * soak();
        for (int s = 0; s < sequences; s++) {
            long seed = replay != null ? replay : new Random().nextLong();
            try {
                runModel(seed, 150);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("blob model test failed with seed " + seed + " (replay with -Doxistore.seed="
                        + seed + "): " + e.getMessage(), e);
            }
            join(store.deleteAll(""));
            if (replay != null) {
                break;
            }
        }
    }

    private void runModel(long seed, int steps) {
        Random r = new Random(seed);
        TreeMap<String, byte[]> model = new TreeMap<>(BlobKeys.ORDER);
        String[] names = {"a", "a/b", "a/c", "a-b", "b", "b/x/y", "\u00e9", "z/z"};
        for (int step = 0; step < steps; step++) {
            String key = names[r.nextInt(names.length)];
            switch (r.nextInt(8)) {
                case 0, 1 -> {
                    byte[] v = Pattern.bytes(r.nextLong(), r.nextInt(3000));
                    join(store.put(key, v));
                    model.put(key, v);
                }
                case 2 -> assertThat(join(store.delete(key))).isEqualTo(model.remove(key) != null);
                case 3 -> {
                    String target = names[r.nextInt(names.length)];
                    if (model.containsKey(key)) {
                        join(store.copy(key, target));
                        model.put(target, model.get(key));
                    } else {
                        assertThat(failure(store.copy(key, target))).isInstanceOf(NotFoundException.class);
                    }
                }
                case 4 -> {
                    if (model.containsKey(key)) {
                        assertThat(join(store.get(key))).isEqualTo(model.get(key));
                    } else {
                        assertThat(join(store.head(key))).isEmpty();
                    }
                }
                case 5 -> {
                    String prefix = r.nextBoolean() ? "" : key.substring(0, 1);
                    List<String> expected = model.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
                    assertThat(listKeys(prefix, 1 + r.nextInt(3))).isEqualTo(expected);
                }
                case 6 -> {
                    String prefix = key.substring(0, 1);
                    long expected = model.keySet().stream().filter(k -> k.startsWith(prefix)).count();
                    assertThat(join(store.deleteAll(prefix))).isEqualTo(expected);
                    model.keySet().removeIf(k -> k.startsWith(prefix));
                }
                default -> {
                    if (factory().persistent() && r.nextInt(4) == 0) {
                        reopen();
                    }
                }
            }
        }
        assertThat(listKeys("", 1000)).containsExactlyElementsOf(model.keySet());
    }

    // ---- a large object with a small heap ----

    @Test
    void oneGibStreamedPutAndGetIn256MibHeap() throws Exception {
        BlobStoreFactory f = factory();
        try {
            f.getClass().getConstructor();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(f.getClass() + " needs a public no-argument constructor for the child JVM", e);
        }
        // The test's own store stays closed meanwhile, so the child can open the same directory.
        store.close();
        store = null;
        Path dir = storeDir();
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
        jvmOptions.addAll(f.childJvmOptions());
        Process child = ChildJvm.command(jvmOptions, HugeBlobChild.class, f.getClass().getName(), dir.toString(),
                Long.toString(GIB), "77").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } finally {
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }
        String output = String.join("\n", lines);
        assertThat(child.exitValue()).as(output).isZero();
        long heap = lines.stream().filter(l -> l.startsWith("HEAP ")).mapToLong(l -> Long.parseLong(l.substring(5))).findFirst()
                .orElseThrow(() -> new AssertionError("no HEAP line in: " + output));
        assertThat(heap).as("the child's heap").isLessThanOrEqualTo(256L << 20);
        assertThat(lines).as(output).anyMatch(l -> l.startsWith("OK " + GIB + " "));
        Optional<String> sha = lines.stream().filter(l -> l.startsWith("OK ")).map(l -> l.split(" ")[2]).findFirst();
        assertThat(sha.orElseThrow()).matches("[0-9a-f]{64}");
        if (f.persistent()) {
            store = f.open(dir);
            assertThat(join(store.head("huge/streamed")).orElseThrow().size()).isEqualTo(GIB);
            join(store.delete("huge/streamed"));
        }
    }
}
