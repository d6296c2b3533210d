package dev.oxistore.bench.blob;

import dev.oxistore.blob.BlobStore;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.blob.local.LocalBlobStore;
import dev.oxistore.kv.Durability;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * same directory (so the same file system and page cache). Put: {@code Files.copy(InputStream,
 * Path)} of an in-memory object to a new file against {@code put(key, InputStream)} of a new key;
 * overwrite: the same into one file or key; get: {@code Files.copy(Path, OutputStream)} against
 * {@code openStream(key).transferTo(...)}, both into a discarding stream.
 * The comparable store runs {@code Durability.FLUSH} without SHA-256, as {@code Files.copy} neither
 * forces nor hashes; {@code putSyncSha256} shows the cost of the defaults (forced to disk, hashed).
 * Throughput is the object size divided by the average time per operation.
 *
 * <pre>./oxistore-bench.sh jmh LocalBlobBench -f 1 -wi 2 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
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

    /** The baseline put: the bytes streamed into a new file by the JDK. */
    @Benchmark
    public long putFilesCopy() throws IOException {
        return Files.copy(new ByteArrayInputStream(data), fresh.resolve("copy-" + next++));
    }

    /** A blob put of the same stream under a new key (atomic: data file, then metadata by rename). */
    @Benchmark
    public long putBlob() {
        return flush.put("new/" + next++, new ByteArrayInputStream(data), plain).join().size();
    }

    /** The baseline overwrite: {@code Files.copy} replacing one file (not atomic: readers see it half written). */
    @Benchmark
    public long overwriteFilesCopy() throws IOException {
        return Files.copy(new ByteArrayInputStream(data), copyTarget, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A blob put replacing one key (the metadata's rename replaces a file, which ext4 makes flush it). */
    @Benchmark
    public long overwriteBlob() {
        return flush.put("bench/put", new ByteArrayInputStream(data), plain).join().size();
    }

    /** A new key with the defaults: SHA-256 computed, file and directories forced to disk. */
    @Benchmark
    public long putSyncSha256() {
        return sync.put("new/" + next++, new ByteArrayInputStream(data), PutOptions.defaults()).join().size();
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
}
