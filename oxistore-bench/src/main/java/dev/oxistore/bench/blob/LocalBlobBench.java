package dev.oxistore.bench.blob;

import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.local.LocalBlobStore;
import dev.oxistore.kv.Durability;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Local blob put and get against a plain {@link Files#copy} of the same bytes, in one run, in the
 * same directory (so the same file system and page cache). Each blob benchmark has a peer that
 * does the same durability work:
 * <ul>
 *   <li>{@code putBlob} (a new key, {@code Durability.FLUSH}, no SHA-256) against
 *       {@code putFilesCopy}: {@code Files.copy(InputStream, Path)} to a new file, neither forced
 *       nor hashed;</li>
 *   <li>{@code putSyncBlob} (a new key, {@code Durability.SYNC}: forced to disk before the future
 *       completes, no SHA-256) against {@code putSyncFilesCopy}: the same {@code Files.copy}, then
 *       the file and its directory forced, as a durable new file needs;</li>
 *   <li>{@code overwriteBlob} (one key, FLUSH) against {@code overwriteFilesCopy}
 *       ({@code REPLACE_EXISTING}: deletes, then writes; not atomic, a reader or a crash sees a
 *       missing or half-written file) and {@code overwriteFilesCopyAtomic} (the JDK's atomic
 *       replace: {@code Files.copy} to a temporary file, then {@code ATOMIC_MOVE} over the
 *       target);</li>
 *   <li>{@code getBlob} ({@code openStream(key).transferTo}) against {@code getFilesCopy}
 *       ({@code Files.copy(Path, OutputStream)}), both into a discarding stream.</li>
 * </ul>
 * {@code putSyncSha256} shows the defaults (SYNC and SHA-256). Every iteration starts from a clean
 * page cache ({@code sync} before it, outside the measurement) and ends by deleting what its puts of
 * new keys and files wrote, so one benchmark's write-back does not slow the next.
 *
 * <pre>./oxistore-bench.sh jmh LocalBlobBench -f 3 -wi 2 -i 5 -w 1s -r 1s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class LocalBlobBench {

    /** Object size in bytes: 1 MiB and 256 MiB. */
    @Param({"1048576", "268435456"})
    int size;

    private Path dir;
    private byte[] data;
    private BlobStore flush;
    private BlobStore sync;
    private Path copyTarget;
    private PutOptions plain;
    private Path fresh;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("oxistore.bench.dir", System.getProperty("java.io.tmpdir"))),
                "blob-bench");
        data = new byte[size];
        new SplittableRandom(42).nextBytes(data);
        flush = LocalBlobStore.builder(dir.resolve("flush")).durability(Durability.FLUSH).open();
        sync = LocalBlobStore.open(dir.resolve("sync"));
        plain = PutOptions.defaults().withSha256(false);
        copyTarget = dir.resolve("files-copy.bin");
        fresh = Files.createDirectories(dir.resolve("fresh"));
        Files.write(copyTarget, data);
        flush.put("bench/object", data, plain).join();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        flush.close();
        sync.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes back what earlier iterations left dirty, so every iteration starts alike. */
    @Setup(Level.Iteration)
    public void cleanPageCache() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** Removes what the puts of new keys and files wrote, outside the measurement. */
    @TearDown(Level.Iteration)
    public void dropNew() throws IOException {
        flush.deleteAll("new/").join();
        sync.deleteAll("new/").join();
        try (Stream<Path> files = Files.list(fresh)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    /** The baseline put: the bytes streamed into a new file by the JDK. */
    @Benchmark
    public long putFilesCopy() throws IOException {
        return Files.copy(new ByteArrayInputStream(data), fresh.resolve("copy-" + next++));
    }

    /** A blob put of the same stream under a new key (atomic: version file, then its reference by rename). */
    @Benchmark
    public long putBlob() {
        return flush.put("new/" + next++, new ByteArrayInputStream(data), plain).join().size();
    }

    /** The durable baseline: {@code Files.copy} to a new file, then the file and its directory forced to disk. */
    @Benchmark
    public long putSyncFilesCopy() throws IOException {
        Path file = fresh.resolve("copy-" + next++);
        long n = Files.copy(new ByteArrayInputStream(data), file);
        force(file);
        force(fresh);
        return n;
    }

    /** A durable blob put under a new key: the version file and the directory forced. */
    @Benchmark
    public long putSyncBlob() {
        return sync.put("new/" + next++, new ByteArrayInputStream(data), plain).join().size();
    }

    /** A new key with the defaults: SHA-256 computed, forced to disk. */
    @Benchmark
    public long putSyncSha256() {
        return sync.put("new/" + next++, new ByteArrayInputStream(data), PutOptions.defaults()).join().size();
    }

    /** The baseline overwrite: {@code Files.copy} replacing one file (not atomic: readers see it missing or half written). */
    @Benchmark
    public long overwriteFilesCopy() throws IOException {
        return Files.copy(new ByteArrayInputStream(data), copyTarget, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The JDK's atomic overwrite: {@code Files.copy} to a temporary file, renamed over the target. */
    @Benchmark
    public long overwriteFilesCopyAtomic() throws IOException {
        Path temp = fresh.resolve("copy-" + next++ + ".tmp");
        long n = Files.copy(new ByteArrayInputStream(data), temp);
        Files.move(temp, copyTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return n;
    }

    /** A blob put replacing one key. */
    @Benchmark
    public long overwriteBlob() {
        return flush.put("bench/put", new ByteArrayInputStream(data), plain).join().size();
    }

    /** The baseline get: the file streamed out by the JDK. */
    @Benchmark
    public long getFilesCopy() throws IOException {
        return Files.copy(copyTarget, OutputStream.nullOutputStream());
    }

    /** A blob get of the same bytes. */
    @Benchmark
    public long getBlob() throws IOException {
        try (InputStream in = flush.openStream("bench/object").join()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
