package dev.oxistore.blob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.blob.BlobSummary;
import dev.oxistore.blob.ByteRange;
import dev.oxistore.blob.InvalidKeyException;
import dev.oxistore.blob.MultipartUpload;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.UploadedPart;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.StoreLockedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to the files of {@link LocalBlobStore}; the shared rules are in the testkit's suite. */
class LocalBlobStoreTest {

    @TempDir
    Path temp;

    private static Throwable cause(Runnable r) {
        Throwable t = catchThrowable(r::run);
        return t instanceof CompletionException c ? c.getCause() : t;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every regular file and directory under {@code dir}, relative, with file contents' sizes. */
    private static Map<String, Long> snapshot(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
            }
        }
        return out;
    }

    @Test
    void hostileKeysNeverReachOutsideTheRoot() throws IOException {
        Path parent = Files.createDirectories(temp.resolve("parent"));
        Files.writeString(parent.resolve("secret.txt"), "keep me");
        Files.createDirectories(temp.resolve("etc"));
        Path root = parent.resolve("root");
        List<String> hostile = List.of("../secret.txt", "../../etc/passwd", "/etc/passwd", "/tmp/x", "..", "a/../../secret.txt",
                "..\\secret.txt", "C:\\Windows\\x", "a\u0000/../../x", "%00/..", "./x", "x/./y", "x//y", "",
                "a".repeat(201), "b/" + "c".repeat(1100), "objects/../../secret.txt", "tmp/../../secret.txt");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            store.put("legit", utf8("ok")).join();
            Map<String, Long> before = snapshot(temp);
            for (String key : hostile) {
                if (key.equals("%00/..")) {
                    assertThat(cause(() -> store.put(key, utf8("x")).join())).as(key).isInstanceOf(InvalidKeyException.class);
                    continue;
                }
                assertThat(cause(() -> store.put(key, utf8("evil")).join())).as(key).isInstanceOf(InvalidKeyException.class)
                        .hasMessageContaining("keys are 1 to");
                assertThat(cause(() -> store.copy("legit", key).join())).isInstanceOf(InvalidKeyException.class);
                assertThat(cause(() -> store.delete(key).join())).isInstanceOf(InvalidKeyException.class);
                assertThat(cause(() -> store.get(key).join())).isInstanceOf(InvalidKeyException.class);
                assertThat(cause(() -> store.initiateMultipart(key, PutOptions.defaults()).join())).isInstanceOf(InvalidKeyException.class);
                assertThat(cause(() -> store.deleteAll(key.startsWith("/") ? key : "/" + key).join())).isInstanceOf(InvalidKeyException.class);
                assertThat(cause(() -> store.uploadPart(new MultipartUpload("k", "../../x"), 1, new byte[1]).join()))
                        .isInstanceOf(InvalidArgumentException.class);
            }
            assertThat(snapshot(temp)).as("nothing changed anywhere").isEqualTo(before);
        }
        assertThat(Files.readString(parent.resolve("secret.txt"))).isEqualTo("keep me");
    }

    @Test
    void keysThatLookLikeInternalFilesStayObjects() throws IOException {
        Path root = temp.resolve("s");
        List<String> keys = List.of("a", "a/b", "a.d", "a.d/c", "a.meta", "a.meta.meta", "lock", "oxistore-blob.format", "tmp/t",
                "uploads/u", "content/c", "objects/o", "q.0123456789abcdef0123456789abcdef.0.data", "x.tmp", "a.b.c.d", "a.ref", "a.ref.ref",
                "r.0123456789abcdef0123456789abcdef.obj", "r.0123456789abcdef0123456789abcdef.obj.ref");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            for (String k : keys) {
                store.put(k, utf8("v=" + k)).join();
            }
        }
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("objects", "tmp", "uploads", "content", "lock", "oxistore-blob.format");
        }
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            assertThat(s).isEmpty();
        }
        // Reopening runs recovery, which must not take any of these for a crash's leftovers.
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            for (String k : keys) {
                assertThat(store.get(k).join()).as(k).isEqualTo(utf8("v=" + k));
            }
            assertThat(store.listAll("").join()).hasSize(keys.size());
        }
    }

    @Test
    void layoutOnDiskIsAReferenceToAVersionFileWithTheMetadataInItsTrailer() throws IOException {
        Path root = temp.resolve("s");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            BlobMetadata m = store.put("a/b/c", utf8("abc"), PutOptions.defaults().withContentType("text/plain")).join();
            Path dir = root.resolve("objects/a.d/b.d");
            Path version = dir.resolve("c." + m.etag() + ".obj");
            assertThat(refTarget(dir.resolve("c.ref"))).isEqualTo(version.getFileName().toString());
            byte[] raw = Files.readAllBytes(version);
            assertThat(new String(raw, 0, 3, StandardCharsets.UTF_8)).as("the bytes come first").isEqualTo("abc");
            assertThat(new String(raw, StandardCharsets.ISO_8859_1)).as("then the metadata").contains("OXBLOBM2", "text/plain", m.etag());
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).as("one file per version, nothing else")
                        .containsExactlyInAnyOrder("c.ref", version.getFileName().toString());
            }
            BlobMetadata m2 = store.put("a/b/c", utf8("new")).join();
            assertThat(version).as("the old version is deleted").doesNotExist();
            assertThat(refTarget(dir.resolve("c.ref"))).isEqualTo("c." + m2.etag() + ".obj");
            store.delete("a/b/c").join();
            assertThat(root.resolve("objects/a.d")).as("empty directories are removed").doesNotExist();
            assertThat(root.resolve("objects")).isEmptyDirectory();
        }
    }

    private static String refTarget(Path ref) throws IOException {
        return Files.isSymbolicLink(ref) ? Files.readSymbolicLink(ref).toString() : Files.readString(ref);
    }

    @Test
    void referencesAreSymbolicLinksOrRegularFilesAndBothRead() throws IOException {
        Path root = temp.resolve("s");
        try (LocalBlobStore store = LocalBlobStore.builder(root).symbolicLinks(false).open()) {
            store.put("k/one", utf8("first")).join();
            store.put("k/one", utf8("second")).join();
            store.put("k/two", utf8("two")).join();
            assertThat(root.resolve("objects/k.d/one.ref")).isRegularFile();
            assertThat(Files.isSymbolicLink(root.resolve("objects/k.d/one.ref"))).isFalse();
            assertThat(store.get("k/one").join()).isEqualTo(utf8("second"));
        }
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertThat(store.listAll("k/").join()).extracting(BlobSummary::key).containsExactly("k/one", "k/two");
            assertThat(store.get("k/one").join()).isEqualTo(utf8("second"));
            store.put("k/one", utf8("third")).join();
            assertThat(store.get("k/one").join()).isEqualTo(utf8("third"));
            assertThat(Files.isSymbolicLink(root.resolve("objects/k.d/one.ref")))
                    .as("symbolic links where the file system makes them").isEqualTo(store.refsAreLinks());
            assertThat(store.delete("k/two").join()).isTrue();
            assertThat(store.listAll("").join()).extracting(BlobSummary::key).containsExactly("k/one");
        }
    }

    @Test
    void aWriterRacingAnotherKeepsTheCreationTimeOfTheVersionItReplaces() {
        Path root = temp.resolve("s");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            BlobMetadata first = store.put("k", utf8("first")).join();
            BlobMetadata[] recreated = new BlobMetadata[1];
            // While our put streams, another deletes and re-creates the key: ours then replaces a
            // version created later than the one it saw when it began.
            InputStream racing = new InputStream() {
                private boolean raced;

                @Override
                public int read() {
                    if (!raced) {
                        raced = true;
                        store.delete("k").join();
                        recreated[0] = store.put("k", utf8("recreated")).join();
                        return 'x';
                    }
                    return -1;
                }
            };
            BlobMetadata ours = store.put("k", racing, PutOptions.defaults()).join();
            assertThat(recreated[0].created()).isAfter(first.created());
            assertThat(ours.created()).isEqualTo(recreated[0].created());
            assertThat(store.head("k").join()).contains(ours);
            assertThat(store.get("k").join()).isEqualTo(utf8("x"));
        }
    }

    @Test
    void recoveryOnOpenRemovesCrashLeftoversAndAbandonedUploads() throws IOException {
        Path root = temp.resolve("s");
        String etag;
        MultipartUpload kept;
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            etag = store.put("d/live", utf8("live")).join().etag();
            store.initiateMultipart("d/abandoned", PutOptions.defaults()).join();
            kept = store.initiateMultipart("d/kept", PutOptions.defaults()).join();
        }
        Path dir = root.resolve("objects/d.d");
        String other = "0123456789abcdef0123456789abcdef";
        Files.writeString(root.resolve("tmp/123.tmp"), "half written");
        Files.writeString(dir.resolve("live." + other + ".obj"), "new version, never committed");
        Files.writeString(dir.resolve("live." + other + ".0.data"), "its part");
        Files.writeString(dir.resolve("ghost." + other + ".obj"), "version without reference");
        Files.writeString(dir.resolve("ghost." + other + ".3.data"), "part without reference");
        Files.writeString(dir.resolve("notours.txt"), "left alone");
        Files.createDirectories(root.resolve("objects/empty.d/deeper.d"));
        Files.createDirectories(root.resolve("uploads/broken"));
        // Only the upload started longest ago is abandoned.
        try (LocalBlobStore store = LocalBlobStore.builder(root).abandonedUploadAge(Duration.ofDays(1)).open()) {
            assertThat(root.resolve("tmp")).isEmptyDirectory();
            assertThat(dir.resolve("live." + other + ".obj")).doesNotExist();
            assertThat(dir.resolve("live." + other + ".0.data")).doesNotExist();
            assertThat(dir.resolve("ghost." + other + ".obj")).doesNotExist();
            assertThat(dir.resolve("ghost." + other + ".3.data")).doesNotExist();
            assertThat(dir.resolve("notours.txt")).exists();
            assertThat(dir.resolve("live." + etag + ".obj")).exists();
            assertThat(root.resolve("objects/empty.d")).doesNotExist();
            assertThat(root.resolve("uploads/broken")).doesNotExist();
            assertThat(store.get("d/live").join()).isEqualTo(utf8("live"));
            assertThat(root.resolve("uploads").resolve(kept.uploadId())).exists();
        }
        try (LocalBlobStore store = LocalBlobStore.builder(root).abandonedUploadAge(Duration.ZERO).open()) {
            assertThat(root.resolve("uploads")).isEmptyDirectory();
            assertThat(cause(() -> store.uploadPart(kept, 1, new byte[1]).join())).hasMessageContaining("cleaned as abandoned");
        }
    }

    @Test
    void damagedFilesRaiseCorruption() throws IOException {
        Path root = temp.resolve("s");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            BlobMetadata m = store.put("m", utf8("metadata")).join();
            BlobMetadata d = store.put("d", utf8("data data data")).join();
            Path version = root.resolve("objects/m." + m.etag() + ".obj");
            byte[] raw = Files.readAllBytes(version);
            raw[raw.length - 20] ^= 1; // inside the trailer
            Files.write(version, raw);
            assertThat(cause(() -> store.head("m").join())).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(version.getFileName().toString()).hasMessageContaining("checksum");
            try (RandomAccessFile f = new RandomAccessFile(root.resolve("objects/d." + d.etag() + ".obj").toFile(), "rw")) {
                f.setLength(3);
            }
            assertThat(cause(() -> store.get("d").join())).isInstanceOf(CorruptionException.class).hasMessageContaining("too short");
            MultipartUpload up = store.initiateMultipart("p", PutOptions.defaults()).join();
            BlobMetadata p = store.completeMultipart(up, List.of(store.uploadPart(up, 1, utf8("part one")).join())).join();
            try (RandomAccessFile f = new RandomAccessFile(root.resolve("objects/p." + p.etag() + ".0.data").toFile(), "rw")) {
                f.setLength(3);
            }
            assertThat(cause(() -> store.get("p").join())).isInstanceOf(CorruptionException.class).hasMessageContaining("3 bytes");
            Path ref = root.resolve("objects/d.ref");
            Files.delete(ref);
            Files.writeString(ref, "../../../secret.obj");
            assertThat(cause(() -> store.get("d").join())).as("a reference is never followed outside its key")
                    .isInstanceOf(CorruptionException.class).hasMessageContaining("not a version of its key");
            assertThat(store.delete("m").join()).as("a damaged version can still be deleted").isTrue();
            assertThat(m.size()).isEqualTo(8);
        }
    }

    @Test
    void oneStoreAtATimePerRoot() {
        Path root = temp.resolve("s");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertThatThrownBy(() -> LocalBlobStore.open(root)).isInstanceOf(StoreLockedException.class).hasMessageContaining("close");
            store.put("k", utf8("v")).join();
        }
        try (LocalBlobStore again = LocalBlobStore.open(root)) {
            assertThat(again.get("k").join()).isEqualTo(utf8("v"));
        }
    }

    @Test
    void foreignDirectoriesAndFormatsAreRefused() throws IOException {
        Path foreign = Files.createDirectories(temp.resolve("foreign"));
        Files.writeString(foreign.resolve("photo.jpg"), "not ours");
        assertThatThrownBy(() -> LocalBlobStore.open(foreign)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("not a blob store");
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> LocalBlobStore.open(file)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("is a file");
        Path future = temp.resolve("future");
        LocalBlobStore.open(future).close();
        Files.writeString(future.resolve(LocalBlobStore.FORMAT_FILE), "oxistore-blob format 99\n");
        assertThatThrownBy(() -> LocalBlobStore.open(future)).isInstanceOf(CorruptionException.class).hasMessageContaining("99");
    }

    @Test
    void syncStoresForceEveryWriteAndStillWork() throws IOException {
        Path root = temp.resolve("s");
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            store.put("x/y", utf8("sync")).join();
            MultipartUpload up = store.initiateMultipart("x/mp", PutOptions.defaults()).join();
            UploadedPart p1 = store.uploadPart(up, 1, utf8("one-")).join();
            UploadedPart p2 = store.uploadPart(up, 2, utf8("two")).join();
            store.completeMultipart(up, List.of(p1, p2)).join();
            assertThat(store.get("x/mp").join()).isEqualTo(utf8("one-two"));
            BlobMetadata copy = store.copy("x/mp", "x/copy").join();
            String digest = store.putContent(utf8("c")).join();
            assertThat(store.putContent(utf8("c")).join()).isEqualTo(digest);
            try (Stream<Path> s = Files.walk(root.resolve("content"))) {
                assertThat(s.filter(Files::isRegularFile).count()).as("content is stored once").isEqualTo(1);
            }
            // Version and part files never change, so a copy may share them: two links to each part.
            Path part = root.resolve("objects/x.d/copy." + copy.etag() + ".0.data");
            BlobMetadata plain = store.copy("x/y", "x/plain-copy").join();
            assertThat(store.get("x/plain-copy").join()).as("a copied version file's trailer is not data").isEqualTo(utf8("sync"));
            assertThat(store.get("x/plain-copy", ByteRange.of(1, 2)).join()).isEqualTo(utf8("yn"));
            assertThat(store.head("x/plain-copy").join().orElseThrow().size()).isEqualTo(4);
            assumeTrue(Files.getFileStore(part).supportsFileAttributeView("unix"));
            assertThat(Files.getAttribute(part, "unix:nlink")).isEqualTo(2);
            assertThat(Files.getAttribute(root.resolve("objects/x.d/plain-copy." + plain.etag() + ".0.data"), "unix:nlink")).isEqualTo(2);
        }
    }
}
