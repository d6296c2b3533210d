package dev.oxistore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvStore;
import dev.oxistore.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export and import through the command line: lossless for bytes, keyspaces and expiry. */
class ExportImportCliTest {

    private static final byte[] NASTY_KEY = {0, (byte) 0xFF, '\n', '\t', '%', ' ', (byte) 0xC3, 0x28, '\r'};
    private static final byte[] NASTY_VALUE = {(byte) 0xFF, (byte) 0xFE, 0, '\n', '\n', '#', '\t'};

    private final ManualClock clock = new ManualClock();

    @TempDir
    Path tmp;

    @Test
    void exportThenImportRoundTripsArbitraryBytesKeyspacesAndExpiry() {
        Cli source = Cli.sharedMemory(clock);
        KvStore s = source.store();
        s.put(NASTY_KEY, NASTY_VALUE);
        s.put(new byte[] {'e'}, new byte[0]);
        s.keyspace("other").put(NASTY_KEY, "other".getBytes(StandardCharsets.UTF_8));
        s.keyspace("other").put(new byte[] {1}, new byte[] {2}, Duration.ofSeconds(30));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            byte[] k = new byte[1 + random.nextInt(12)];
            byte[] v = new byte[random.nextInt(40)];
            random.nextBytes(k);
            random.nextBytes(v);
            s.keyspace("random").put(k, v);
        }

        long total = s.count() + s.keyspace("other").count() + s.keyspace("random").count();
        Cli.Result export = source.run("export");
        assertThat(export.exit()).isZero();
        assertThat(export.err()).isEqualTo("exported " + total + " entries\n");
        assertThat(export.out()).startsWith("oxistore-export\t1\n").endsWith("end\t" + total + "\n");
        assertThat(export.out().chars().allMatch(c -> c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)))
                .as("the export is printable ASCII").isTrue();

        clock.advance(Duration.ofSeconds(10));
        Cli target = Cli.sharedMemory(clock);
        Cli.Result imported = target.runWithInput(export.out(), "import");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported " + total + " entries into 3 keyspaces\n");

        KvStore t = target.store();
        for (String ks : List.of("default", "other", "random")) {
            assertThat(entries(t, ks)).as(ks).isEqualTo(entries(s, ks));
        }
        assertThat(t.keyspace("other").ttl(new byte[] {1})).contains(Duration.ofSeconds(20));
        assertThat(t.ttl(NASTY_KEY)).isEmpty();
    }

    @Test
    void entriesThatExpiredBeforeTheImportAreSkipped() {
        Cli source = Cli.sharedMemory(clock);
        source.store().put(new byte[] {'a'}, new byte[] {'1'}, Duration.ofSeconds(5));
        source.store().put(new byte[] {'b'}, new byte[] {'2'});
        String file = tmp.resolve("dump.oxe").toString();
        Cli.Result export = source.run("export", file);
        assertThat(export.out()).isEqualTo("exported 2 entries to " + file + "\n");

        clock.advance(Duration.ofSeconds(6));
        Cli target = Cli.sharedMemory(clock);
        Cli.Result r = target.run("import", file);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("imported 1 entry into 1 keyspace; skipped 1 already expired\n");
        assertThat(target.store().count()).isEqualTo(1);
    }

    @Test
    void exportToAFileRefusesToOverwriteWithoutForce() throws Exception {
        Cli cli = Cli.sharedMemory(clock);
        cli.store().put(new byte[] {'k'}, new byte[] {'v'});
        Path file = tmp.resolve("out.oxe");
        Files.writeString(file, "keep me");
        Cli.Result r = cli.run("export", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("oxistore: " + file + " exists: choose another name, or pass --force to overwrite it\n");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        assertThat(cli.run("export", "--force", file.toString()).exit()).isZero();
        assertThat(Files.readString(file)).startsWith("oxistore-export\t1\n");
        try (var files = Files.list(tmp)) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void malformedImportsFailWithTheLineAndExitCodeOne() {
        Cli cli = Cli.sharedMemory(clock);
        assertImportFails(cli, "hello\n", "oxistore: import: line 1: not an oxistore export");
        assertImportFails(cli, "oxistore-export\t2\nend\t0\n", "oxistore: import: line 1: format version '2'");
        assertImportFails(cli, "oxistore-export\t1\nput\ta\tb\nend\t1\n", "oxistore: import: line 2: a put line before any keyspace line");
        assertImportFails(cli, "oxistore-export\t1\nkeyspace\tdefault\nput\ta b\tc\nend\t1\n",
                "oxistore: import: line 3: character 0x20 must be written as %20");
        assertImportFails(cli, "oxistore-export\t1\nkeyspace\tdefault\nput\t%G1\tc\nend\t1\n",
                "oxistore: import: line 3: '%' must be followed by two hex digits");
        assertImportFails(cli, "oxistore-export\t1\nkeyspace\tdefault\nput\tk\tv\tlater\nend\t1\n",
                "oxistore: import: line 3: expiry 'later' is not an ISO-8601 UTC instant");
        assertImportFails(cli, "oxistore-export\t1\nkeyspace\tdefault\nput\tk\tv\nend\t2\n",
                "oxistore: import: line 4: the end line counts 2 entries but the file has 1");
        assertImportFails(cli, "oxistore-export\t1\nkeyspace\tdefault\nfrob\tk\nend\t0\n",
                "oxistore: import: line 3: unknown record 'frob'");
        assertImportFails(cli, "", "oxistore: import: the file is empty");
    }

    @Test
    void aFileCutShortIsReportedAfterImportingWhatCameBefore() {
        Cli cli = Cli.sharedMemory(clock);
        Cli.Result r = cli.runWithInput("oxistore-export\t1\nkeyspace\tdefault\nput\ta\t1\nput\tb\t2\n", "import");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("oxistore: import: the file ends without its 'end' line, so it was cut short; "
                + "the 2 entries before the cut were imported\n");
        assertThat(cli.store().count()).isEqualTo(2);
    }

    @Test
    void importOfAMissingFileIsOneLine() {
        Cli.Result r = Cli.sharedMemory(clock).run("import", tmp.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("oxistore: no such file: " + tmp.resolve("nope") + "\n");
    }

    @Test
    void commentsBlankLinesAndCrLfAreAccepted() {
        Cli cli = Cli.sharedMemory(clock);
        Cli.Result r = cli.runWithInput("oxistore-export\t1\r\n# note\r\n\r\nkeyspace\tdefault\r\nput\tk\t%00\r\nend\t1\r\n", "import");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(cli.store().get(new byte[] {'k'})).containsExactly(0);
    }

    private static void assertImportFails(Cli cli, String input, String errorStart) {
        Cli.Result r = cli.runWithInput(input, "import");
        assertThat(r.exit()).as(input).isEqualTo(1);
        assertThat(r.err()).as(input).startsWith(errorStart).hasLineCount(1);
    }

    static Map<String, String> entries(KvStore store, String keyspace) {
        KvReader reader = KvStore.DEFAULT_KEYSPACE.equals(keyspace) ? store : store.keyspace(keyspace);
        Map<String, String> m = new TreeMap<>();
        List<KvEntry> all = new ArrayList<>();
        try (KvCursor c = reader.scan(KeyRange.all())) {
            c.forEachRemaining(all::add);
        }
        all.forEach(e -> m.put(dev.oxistore.kv.Bytes.hex(e.key()), dev.oxistore.kv.Bytes.hex(e.value())));
        return m;
    }
}
