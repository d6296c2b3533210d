package dev.oxistore.bench.jmh;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.Codecs;
import dev.oxistore.workload.Values;
import java.util.concurrent.TimeUnit;
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
 * Block compression and decompression with {@code oxistore-compress}'s codecs on a 16 KiB block of
 * db_bench-style values (half random printable bytes, half repeated: about 2:1 compressible).
 * Reports time per block; throughput is 16 KiB divided by it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBench {

    private static final int BLOCK = 16 * 1024;

    @Param({"lz4", "snappy", "zstd", "deflate"})
    String codec;

    private Codec c;
    private byte[] block;
    private byte[] compressed;
    private int compressedLength;
    private byte[] restored;

    @Setup
    public void setup() {
        c = Codecs.byName(codec);
        Values values = Values.of(100, 7);
        block = new byte[BLOCK];
        for (int off = 0, i = 0; off < BLOCK; off += 100, i++) {
            byte[] v = values.value(i);
            System.arraycopy(v, 0, block, off, Math.min(100, BLOCK - off));
        }
        compressed = new byte[c.maxCompressedLength(BLOCK)];
        compressedLength = c.compress(block, 0, BLOCK, compressed, 0, compressed.length);
        restored = new byte[BLOCK];
    }

    @Benchmark
    public int compress() {
        return c.compress(block, 0, BLOCK, compressed, 0, compressed.length);
    }

    @Benchmark
    public int decompress() {
        return c.decompress(compressed, 0, compressedLength, restored, 0, BLOCK);
    }
}
