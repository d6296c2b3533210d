package dev.oxistore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end on a tiny matrix: the pure-Java stores only (MEMORY, ConcurrentHashMap,
 * raw MVStore), since this JVM denies native access. Asserts counts and the report's structure,
 * never time.
 */
class BenchMainTest {

    private static final int KEYS = 300;
    private static final int REPS = 2;
    private static final List<String> STORES = List.of("memory", "chm", "mvstore");

    @Test
    void aTinyMatrixRunsEveryBenchmarkAndWritesTheReport(@TempDir Path out, @TempDir Path work) throws IOException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int code = BenchMain.run(new PrintStream(progress, true, StandardCharsets.UTF_8), "--stores", String.join(",", STORES),
                "--benchmarks", "all", "--keys", "" + KEYS, "--reads", "" + KEYS, "--writes", "" + KEYS,
                "--sync-writes", "10", "--repetitions", "" + REPS, "--seed", "42", "--durability", "none", "--warmups", "1",
                "--pair", "memory/chm", "--pair", "memory/mvstore", "--name", "tiny", "--out", out.toString(),
                "--work-dir", work.toString());
        assertThat(code).as("exit code; progress:%n%s", progress).isZero();

        List<String> rows = Files.readAllLines(out.resolve("tiny.csv"));
        assertThat(rows.getFirst()).startsWith("store,benchmark,repetition,status,ops,nanos,cpu_nanos");
        List<String[]> data = rows.stream().skip(1).map(r -> r.split(",")).toList();
        assertThat(data).hasSize(STORES.size() * 17 * REPS);
        Map<String, String[]> first = data.stream().filter(r -> r[2].equals("0"))
                .collect(Collectors.toMap(r -> r[0] + " " + r[1], Function.identity()));

        for (String s : STORES) {
            for (String b : List.of("fillseq", "fillrandom", "overwrite", "readrandom", "deleterandom", "ycsb-load", "ycsb-a", "ycsb-d")) {
                assertThat(first.get(s + " " + b)[3]).as(s + " " + b).isEqualTo("\"ok\"");
                assertThat(Long.parseLong(first.get(s + " " + b)[4])).as(s + " " + b + " ops").isEqualTo(KEYS);
            }
            String[] read = first.get(s + " readrandom");
            long found = Long.parseLong(read[12]);
            assertThat(found).as(s + " readrandom hits, 20% of keys absent").isBetween(KEYS / 2L, KEYS - 1L);
        }
        // the same seed gives every store the same keys: the same hits
        assertThat(first.get("memory readrandom")[12]).isEqualTo(first.get("mvstore readrandom")[12]);
        // full scans read every key; hash maps cannot scan; only files can be fsynced
        assertThat(first.get("mvstore readseq")[4]).isEqualTo("" + KEYS);
        assertThat(first.get("memory readreverse")[4]).isEqualTo("" + KEYS);
        assertThat(first.get("chm readseq")[3]).startsWith("\"n/a");
        assertThat(first.get("chm ycsb-e")[3]).startsWith("\"n/a");
        assertThat(first.get("memory fillsync")[3]).startsWith("\"n/a");
        assertThat(first.get("mvstore fillsync")[4]).isEqualTo("10");
        assertThat(Long.parseLong(first.get("mvstore fillrandom")[15])).as("mvstore size on disk").isPositive();

        String md = Files.readString(out.resolve("tiny.md"));
        assertThat(md).contains("# Benchmark report: tiny", "1 warm-up repetition(s) not reported", "YCSB keys as each workload defines", "| cores |", "| JDK |", "shared",
                "## Throughput", "## Ratios", "| memory / chm | readrandom |", "| memory / mvstore | ycsb-e |",
                "## Latency and I/O", "## Not measured");
        for (String b : List.of("fillseq", "readwhilewriting", "seekrandom", "ycsb-a", "ycsb-f")) {
            assertThat(md).contains("| " + b + " |");
        }
        for (String png : List.of("tiny-throughput-dbbench.png", "tiny-throughput-ycsb.png", "tiny-latency-readrandom.png")) {
            assertThat(md).contains("(" + png + ")");
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).isEqualTo(1200);
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("mvstore", "fillrandom", "ops/s");
        assertThat(Files.list(work).toList()).as("stores are deleted after each run").isEmpty();
    }

    @Test
    void aUniformYcsbRunReportsItsDistribution(@TempDir Path out, @TempDir Path work) throws IOException {
        int code = BenchMain.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "--stores", "memory", "--benchmarks", "ycsb-c", "--keys", "200", "--reads", "200", "--repetitions", "1",
                "--warmups", "0", "--distribution", "uniform", "--name", "u", "--out", out.toString(), "--work-dir", work.toString());
        assertThat(code).isZero();
        assertThat(Files.readString(out.resolve("u.md"))).contains("YCSB keys uniform");
        List<String> rows = Files.readAllLines(out.resolve("u.csv"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).startsWith("memory,ycsb-c,0,\"ok\",200,");
        assertThat(rows.get(1).split(",")[12]).as("every read finds its record").isEqualTo("200");
    }

    @Test
    void benchmarkGroupsExpand() {
        assertThat(BenchMain.parseBenches("db")).hasSize(10);
        assertThat(BenchMain.parseBenches("ycsb,fillseq")).hasSize(8);
        assertThat(Arrays.stream(new String[] {"all"}).map(BenchMain::parseBenches).findFirst().orElseThrow()).hasSize(17);
    }
}
