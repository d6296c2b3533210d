package dev.oxistore.bench.jmh;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.Codecs;
import dev.oxistore.workload.Values;
import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our LZ4 block, raw Snappy and Zstandard codecs side by side with aircompressor's pure-Java
 * implementations of the same formats (issue 7), on one 4 MiB input per trial: a slice of the
 * JDK's {@code lib/modules} image, Debian documentation text, a slice of {@code libjvm.so}, and
 * generated db_bench-style values (half random, half repeated). Each call compresses or
 * decompresses the whole input, so bytes/s = 4 MiB × ops/s.
 *
 * <p>Setup prints both compressed sizes (the compression ratios) and checks that each side decodes
 * the other's output, so a throughput number never stands for a broken codec. The files are read
 * from where a Debian JDK install keeps them; a missing one fails the trial with its path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecCompareBench {

    private static final int SIZE = 4 << 20;

    @Param({"lz4", "snappy", "zstd"})
    String codec;

    @Param({"modules", "text", "libjvm", "values"})
    String corpus;

    @Param({"ours", "aircompressor"})
    String impl;

    private byte[] input;
    private byte[] compressed;
    private int compressedLength;
    private byte[] restored;
    private Codec ours;
    private Compressor theirCompressor;
    private Decompressor theirDecompressor;

    @Setup
    public void setup() {
        input = load(corpus);
        ours = Codecs.byName(codec);
        switch (codec) {
            case "lz4" -> {
                theirCompressor = new Lz4JavaCompressor();
                theirDecompressor = new Lz4JavaDecompressor();
            }
            case "snappy" -> {
                theirCompressor = new SnappyJavaCompressor();
                theirDecompressor = new SnappyJavaDecompressor();
            }
            case "zstd" -> {
                theirCompressor = new ZstdJavaCompressor();
                theirDecompressor = new ZstdJavaDecompressor();
            }
            default -> throw new IllegalArgumentException("unknown codec " + codec);
        }
        int bound = Math.max(ours.maxCompressedLength(input.length), theirCompressor.maxCompressedLength(input.length));
        byte[] oursOut = new byte[bound];
        byte[] theirsOut = new byte[bound];
        int oursLength = ours.compress(input, 0, input.length, oursOut, 0, bound);
        int theirsLength = theirCompressor.compress(input, 0, input.length, theirsOut, 0, bound);
        restored = new byte[input.length];
        // Cross-check: each side decodes the other's output back to the input.
        check(theirDecompressor.decompress(oursOut, 0, oursLength, restored, 0, restored.length), "theirs(ours)");
        check(ours.decompress(theirsOut, 0, theirsLength, restored, 0, restored.length), "ours(theirs)");
        System.out.printf("%nRATIO codec=%s corpus=%s input=%d ours=%d (%.3f:1) aircompressor=%d (%.3f:1) "
                        + "ours/theirs size=%.4f%n", codec, corpus, input.length, oursLength,
                (double) input.length / oursLength, theirsLength, (double) input.length / theirsLength,
                (double) oursLength / theirsLength);
        boolean mine = impl.equals("ours");
        compressed = mine ? oursOut : theirsOut;
        compressedLength = mine ? oursLength : theirsLength;
        if (!mine && !impl.equals("aircompressor")) {
            throw new IllegalArgumentException("impl is 'ours' or 'aircompressor', got " + impl);
        }
    }

    @Benchmark
    public int compress() {
        return impl.equals("ours")
                ? ours.compress(input, 0, input.length, compressed, 0, compressed.length)
                : theirCompressor.compress(input, 0, input.length, compressed, 0, compressed.length);
    }

    @Benchmark
    public int decompress() {
        return impl.equals("ours")
                ? ours.decompress(compressed, 0, compressedLength, restored, 0, restored.length)
                : theirDecompressor.decompress(compressed, 0, compressedLength, restored, 0, restored.length);
    }

    private void check(int n, String what) {
        if (n != input.length || !Arrays.equals(restored, input)) {
            throw new IllegalStateException(codec + " " + what + " did not round-trip " + corpus);
        }
    }

    /** The 4 MiB input named {@code corpus}. */
    static byte[] load(String corpus) {
        Path jdk = Path.of(System.getProperty("java.home"));
        return switch (corpus) {
            // Past the image's header and index: class files and resources.
            case "modules" -> slice(jdk.resolve("lib/modules"), 32L << 20);
            // Past the ELF headers: machine code and read-only data.
            case "libjvm" -> slice(jdk.resolve("lib/server/libjvm.so"), 4L << 20);
            case "text" -> text();
            case "values" -> values();
            default -> throw new IllegalArgumentException("unknown corpus " + corpus
                    + ": use modules, text, libjvm or values");
        };
    }

    private static byte[] slice(Path file, long offset) {
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            in.skipNBytes(Math.max(0, Math.min(offset, size - SIZE)));
            return in.readNBytes(SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus file " + file, e);
        }
    }

    /** Uncompressed Debian documentation (licenses first), in path order, concatenated up to 4 MiB. */
    private static byte[] text() {
        byte[] out = new byte[SIZE];
        int n = 0;
        for (Path root : List.of(Path.of("/usr/share/common-licenses"), Path.of("/usr/share/doc"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().endsWith(".gz"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
            for (Path p : files) {
                if (n == SIZE) {
                    return out;
                }
                try (InputStream in = Files.newInputStream(p)) {
                    n += in.readNBytes(out, n, SIZE - n);
                } catch (IOException e) {
                    // An unreadable file is skipped: the corpus only needs enough real text.
                }
            }
        }
        if (n < SIZE) {
            throw new IllegalStateException("found only " + n + " bytes of text under /usr/share/doc");
        }
        return out;
    }

    /**
     * db_bench-style 100-byte values, as {@link CodecBench} uses; a fresh pool per
     * {@value Values#POOL} values, so the input does not repeat itself every 100 KiB (which
     * Zstandard's larger window would exploit and LZ4's 64 KiB window could not).
     */
    private static byte[] values() {
        byte[] out = new byte[SIZE];
        Values values = null;
        for (int off = 0, i = 0; off < SIZE; off += 100, i++) {
            if (i % Values.POOL == 0) {
                values = Values.of(100, 7 + i / Values.POOL);
            }
            System.arraycopy(values.value(i), 0, out, off, Math.min(100, SIZE - off));
        }
        return out;
    }
}
