package dev.oxistore.bench.jmh;

import dev.oxistore.kv.Bytes;
import dev.oxistore.workload.Keys;
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
 * Key comparison, the innermost step of every ordered engine: {@link Bytes#compare} on db_bench
 * keys (a long shared prefix of zeros, then the digits that differ) against the JDK's
 * {@code Arrays.compareUnsigned} as the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BytesCompareBench {

    @Param({"16", "64"})
    int keySize;

    private byte[][] keys;
    private int i;

    @Setup
    public void setup() {
        Keys k = Keys.ordered(1024, keySize, 1, 0);
        keys = new byte[1024][];
        for (int j = 0; j < keys.length; j++) {
            keys[j] = k.key((j * 389) & 1023); // a fixed shuffle, so branch prediction cannot learn the order
        }
    }

    @Benchmark
    public int bytesCompare() {
        int a = i++ & 1023;
        return Bytes.compare(keys[a], keys[(a + 1) & 1023]);
    }

    @Benchmark
    public int arraysCompareUnsigned() {
        int a = i++ & 1023;
        return java.util.Arrays.compareUnsigned(keys[a], keys[(a + 1) & 1023]);
    }
}
