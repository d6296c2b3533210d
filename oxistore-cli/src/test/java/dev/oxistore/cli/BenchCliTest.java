package dev.oxistore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command with tiny numbers: it runs, reports, and cleans up after itself. */
class BenchCliTest {

    private final Cli cli = Cli.sharedMemory(new ManualClock());

    @TempDir
    Path tmp;

    @Test
    void printsTheHeaderTheProgressAndTheResultTable() {
        Cli.Result r = cli.run("bench", "--records", "500", "--operations", "1000", "--threads", "2", "--seed", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("bench: YCSB workload A (read 50%, update 50%), zipfian keys, 500 records, 1,000 operations, 2 threads")
                .contains("seed 3")
                .containsPattern("(?m)^phase +ops +seconds +ops/s +p50 us +p99 us +p99\\.9 us +max us$")
                .containsPattern("(?m)^load +500 +\\d+\\.\\d{3} +[\\d,]+ +[\\d.]+ +[\\d.]+ +[\\d.]+ +[\\d.]+$")
                .containsPattern("(?m)^run +1,000 ")
                .containsPattern("(?m)^  read +[\\d,]+ ")
                .containsPattern("(?m)^  update +[\\d,]+ ");
        assertThat(r.err()).contains("load: 100% (500/500 ops)").contains("run: 100% (1,000/1,000 ops)");
        assertThat(cli.store().count()).as("the load phase wrote every record").isEqualTo(500);
    }

    @Test
    void withoutStoreItUsesATemporaryDirectoryAndDeletesIt() {
        Cli.Result r = cli.run("bench", "--records", "100", "--operations", "100");
        Matcher m = Pattern.compile("temporary store deleted: (.+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Path.of(m.group(1))).doesNotExist();
        assertThat(cli.requests.getFirst().path()).startsWithRaw(Path.of(m.group(1)));
        assertThat(cli.requests.getFirst().durability()).hasToString("FLUSH");
    }

    @Test
    void refusesAStoreThatAlreadyHoldsSomething() throws Exception {
        Files.writeString(tmp.resolve("precious"), "data");
        Cli.Result r = cli.run("--store", tmp.toString(), "bench", "--records", "10", "--operations", "10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("already exists").hasLineCount(1);
        assertThat(cli.requests).isEmpty();
    }

    @Test
    void usesAnEmptyStoreDirectoryWhenGiven() {
        Path fresh = tmp.resolve("fresh");
        Cli.Result r = cli.run("--store", fresh.toString(), "bench", "--records", "10", "--operations", "10");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(cli.requests.getFirst().path()).isEqualTo(fresh);
        assertThat(r.out()).doesNotContain("temporary");
    }

    @ParameterizedTest
    @CsvSource({
        "A, read, update",
        "B, read, update",
        "C, read, read",
        "D, read, insert",
        "E, scan, insert",
        "F, read, rmw"})
    void everyCoreWorkloadRunsItsOperations(String workload, String op1, String op2) {
        Cli.Result r = cli.run("bench", "--workload", workload, "--records", "300", "--operations", "2000", "--seed", "11",
                "--threads", "1", "--key-size", "20", "--value-size", "8");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^  " + op1 + " ").containsPattern("(?m)^  " + op2 + " ")
                .doesNotContain("reads found no value");
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertThat(cli.run("bench", "--records", "0").exit()).isEqualTo(2);
        assertThat(cli.run("bench", "--threads", "0").err()).startsWith("oxistore: --threads must be between 1 and 1024");
        assertThat(cli.run("bench", "--key-size", "8").err()).contains("--key-size must be between 16");
        assertThat(cli.run("bench", "--workload", "G").exit()).isEqualTo(2);
        assertThat(cli.requests).isEmpty();
    }
}
