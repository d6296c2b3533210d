package dev.oxistore.bench.jmh;

import dev.oxistore.OxiStore;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.workload.Keys;
import dev.oxistore.workload.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
 * One cursor step ({@code next()} on an open forward scan) over 100,000 entries of 16 B/100 B, on
 * the MEMORY and BTREE engines; a cursor that reaches the end is closed and reopened at the start
 * (one reopen per 100,000 steps).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CursorStepBench {

    private static final int ENTRIES = 100_000;

    @Param({"MEMORY", "BTREE"})
    EngineKind engine;

    private Path dir;
    private KvStore store;
    private KvCursor cursor;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        StoreConfig config = StoreConfig.builder().durability(Durability.NONE).build();
        if (engine == EngineKind.MEMORY) {
            store = OxiStore.openInMemory(engine, config);
        } else {
            dir = Files.createTempDirectory("oxistore-jmh-");
            store = OxiStore.open(engine, dir.resolve("store"), config);
        }
        Keys keys = Keys.ordered(ENTRIES, 16, 1, 0);
        Values values = Values.of(100, 1);
        for (int i = 0; i < ENTRIES; i++) {
            store.put(keys.key(i), values.value(i));
        }
        store.flush();
        cursor = store.scan(KeyRange.all());
    }

    @Benchmark
    public KvEntry step() {
        if (!cursor.hasNext()) {
            cursor.close();
            cursor = store.scan(KeyRange.all());
        }
        return cursor.next();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        cursor.close();
        store.close();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
