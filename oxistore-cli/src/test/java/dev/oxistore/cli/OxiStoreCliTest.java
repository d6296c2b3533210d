package dev.oxistore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.cli.command.Access;
import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KvStore;
import dev.oxistore.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store commands, run in-process against one shared in-memory store. */
class OxiStoreCliTest {

    private final ManualClock clock = new ManualClock();
    private final Cli cli = Cli.sharedMemory(clock);

    @TempDir
    Path tmp;

    @Test
    void putThenGetPrintsTheValue() {
        assertThat(cli.run("put", "greeting", "hello world").exit()).isZero();
        Cli.Result r = cli.run("get", "greeting");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("hello world\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void getOfAMissingKeyIsOneLineAndExitCodeOne() {
        Cli.Result r = cli.run("get", "nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("oxistore: key 'nope' not found\n");
    }

    @Test
    void readCommandsAskForReadAccessAndWritesForWriteAccess() {
        cli.run("put", "k", "v");
        cli.run("get", "k");
        cli.run("delete", "k");
        assertThat(cli.requests).extracting(r -> r.access()).containsExactly(Access.WRITE, Access.READ, Access.MODIFY);
        assertThat(cli.requests.get(0).path()).isEqualTo(Path.of("oxistore-data"));
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        cli.run("--store", tmp.toString(), "put", "a", "1");
        cli.run("get", "a", "--store", tmp.resolve("x").toString());
        assertThat(cli.requests.get(0).path()).isEqualTo(tmp);
        assertThat(cli.requests.get(1).path()).isEqualTo(tmp.resolve("x"));
    }

    @Test
    void deleteSaysWhetherTheKeyWasThere() {
        cli.run("put", "k", "v");
        assertThat(cli.run("delete", "k").out()).isEqualTo("deleted\n");
        assertThat(cli.run("delete", "k").out()).startsWith("not found");
        assertThat(cli.run("get", "k").exit()).isEqualTo(1);
    }

    @Test
    void countCountsTheChosenKeyspace() {
        cli.run("put", "a", "1");
        cli.run("put", "b", "2");
        cli.run("put", "-k", "other", "c", "3");
        assertThat(cli.run("count").out()).isEqualTo("2\n");
        assertThat(cli.run("count", "--keyspace", "other").out()).isEqualTo("1\n");
        assertThat(cli.run("get", "-k", "other", "a").exit()).isEqualTo(1);
    }

    @Test
    void scanPrintsPrefixesRangesLimitsAndReverse() {
        for (String k : new String[] {"user:1", "user:2", "user:3", "video:1"}) {
            cli.run("put", k, "v-" + k);
        }
        assertThat(cli.run("scan").out()).isEqualTo("user:1\tv-user:1\nuser:2\tv-user:2\nuser:3\tv-user:3\nvideo:1\tv-video:1\n");
        assertThat(cli.run("scan", "--prefix", "user:", "--keys-only").out()).isEqualTo("user:1\nuser:2\nuser:3\n");
        assertThat(cli.run("scan", "--from", "user:2", "--to", "video:1", "--keys-only").out()).isEqualTo("user:2\nuser:3\n");
        assertThat(cli.run("scan", "--from", "user:3", "--keys-only").out()).isEqualTo("user:3\nvideo:1\n");
        assertThat(cli.run("scan", "--to", "user:2", "--keys-only").out()).isEqualTo("user:1\n");
        assertThat(cli.run("scan", "--reverse", "--limit", "2", "--keys-only").out()).isEqualTo("video:1\nuser:3\n");
        assertThat(cli.run("scan", "--limit", "0").out()).isEmpty();
    }

    @Test
    void scanRefusesPrefixWithBoundsAsUsage() {
        Cli.Result r = cli.run("scan", "--prefix", "a", "--from", "b");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("oxistore: --prefix cannot be combined with --from or --to (see 'oxistore scan --help')\n");
    }

    @Test
    void hexModeTakesArbitraryBytesAndHexFormatPrintsThem() {
        assertThat(cli.run("--hex", "put", "00ff0a", "090d00").exit()).isZero();
        assertThat(cli.store().get(new byte[] {0, (byte) 0xFF, '\n'})).containsExactly('\t', '\r', 0);
        assertThat(cli.run("--hex", "get", "00FF0A", "--format", "hex").out()).isEqualTo("090d00\n");
        assertThat(cli.run("scan", "--format", "hex").out()).isEqualTo("00ff0a\t090d00\n");
        assertThat(cli.run("--hex", "scan", "--prefix", "00").out()).isEqualTo("\\x00\\xff\\n\t\\t\\r\\x00\n");
    }

    @Test
    void valuesThatLookLikeOptionsAreData() {
        assertThat(cli.run("put", "temp", "-5").exit()).isZero();
        assertThat(cli.run("get", "temp").out()).isEqualTo("-5\n");
        assertThat(cli.run("put", "--", "-k", "--v").exit()).isZero();
        assertThat(cli.run("get", "--", "-k").out()).isEqualTo("--v\n");
        Cli.Result typo = cli.run("put", "k", "v", "--tll", "5s");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("--tll").hasLineCount(1);
    }

    @Test
    void badHexIsAUsageError() {
        Cli.Result r = cli.run("--hex", "put", "zz", "00");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("oxistore: key 'zz' is not hex").doesNotContain("\n\t");
    }

    @Test
    void utf8OutputShowsTextAndEscapesTheRest() {
        cli.store().put(Bytes.utf8("ключ"), new byte[] {'a', '\\', (byte) 0xC3, 0x28, 0x7F, (byte) 0xE2, (byte) 0x82, (byte) 0xAC});
        assertThat(cli.run("get", "ключ").out()).isEqualTo("a\\\\\\xc3(\\x7f€\n");
    }

    @Test
    void putWithTtlExpires() {
        assertThat(cli.run("put", "session", "s1", "--ttl", "30s").exit()).isZero();
        assertThat(cli.store().ttl(Bytes.utf8("session"))).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(31));
        assertThat(cli.run("get", "session").exit()).isEqualTo(1);
    }

    @Test
    void badTtlIsAUsageError() {
        Cli.Result r = cli.run("put", "k", "v", "--ttl", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'soon' is not a positive duration").hasLineCount(1);
    }

    @Test
    void anEmptyKeyIsAUsageErrorWithTheStoresMessage() {
        Cli.Result r = cli.run("put", "", "v");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("oxistore: key is empty: keys are non-empty byte arrays\n");
    }

    @Test
    void unknownCommandsAndMissingArgumentsAreOneLineWithExitCodeTwo() {
        Cli.Result unknown = cli.run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("oxistore: ").hasLineCount(1);
        Cli.Result missing = cli.run("put", "only-key");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("oxistore: Missing required parameter").contains("oxistore put --help").hasLineCount(1);
        Cli.Result engine = cli.run("--engine", "rocks", "get", "k");
        assertThat(engine.exit()).isEqualTo(2);
        assertThat(engine.err()).contains("unknown engine 'rocks'").hasLineCount(1);
    }

    @Test
    void noCommandPrintsUsageAndExitsTwo() {
        Cli.Result r = cli.run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: oxistore").contains("bench");
    }

    @Test
    void memoryEngineWarnsOnWritesOnly() {
        Cli.Result put = cli.run("--engine", "memory", "put", "k", "v");
        assertThat(put.exit()).isZero();
        assertThat(put.err()).isEqualTo("oxistore: warning: --engine memory keeps nothing: the store is gone when this command exits\n");
        assertThat(cli.run("--engine", "memory", "get", "k").err()).isEmpty();
    }

    @Test
    void infoShowsEngineKeysAndCapabilities() {
        cli.run("put", "a", "1");
        cli.run("put", "-k", "logs", "b", "2");
        String out = cli.run("info").out();
        assertThat(out).contains("engine         memory").contains("(in memory)")
                .contains("keys           2 (default 1, logs 1)").contains("capabilities").contains("ttl")
                .contains("metrics        reads");
    }

    @Test
    void verifyAndCompactReport() {
        cli.run("put", "a", "1");
        Cli.Result verify = cli.run("verify");
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).startsWith("ok: ");
        Cli.Result compact = cli.run("compact");
        assertThat(compact.exit()).isZero();
        assertThat(compact.out()).startsWith("reclaimed ");
    }

    @Test
    void verboseAddsTheStackTrace() {
        assertThat(cli.run("put", "", "v").err()).doesNotContain("\tat ");
        assertThat(cli.run("-v", "put", "", "v").err()).contains("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"put", "get", "delete", "scan", "count", "info", "export", "import", "verify", "compact", "bench"}) {
            Cli.Result r = cli.run(c, "--help");
            assertThat(r.exit()).as(c).isZero();
            assertThat(r.out()).as(c).startsWith("Usage: oxistore " + c).doesNotContain("%n");
        }
        assertThat(cli.requests).as("help opens no store").isEmpty();
    }

    @Test
    void versionNamesTheCommand() {
        Cli.Result r = cli.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("oxistore ");
    }

    @Test
    void memoryStoresDoNotOutliveACommandThroughTheFacade() {
        Cli facade = Cli.facade();
        Cli.Result r = facade.run("--engine", "memory", "put", "k", "v");
        assertThat(r.exit()).isZero();
        assertThat(facade.run("--engine", "memory", "get", "k").exit()).as("memory keeps nothing between commands").isEqualTo(1);
    }

    @Test
    void readCommandsNeverCreateAStore() {
        Path missing = tmp.resolve("missing");
        Cli.Result r = Cli.facade().run("--store", missing.toString(), "get", "k");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("oxistore: no store at " + missing
                + ": write to it first (oxistore put KEY VALUE), or point --store at an existing store\n");
        assertThat(missing).doesNotExist();
        assertThat(Cli.facade().run("--store", missing.toString(), "delete", "k").exit()).isEqualTo(1);
        assertThat(missing).doesNotExist();
    }

    @Test
    void anEngineChosenByNameIsUsedAndDetectedOnTheNextCommand() {
        Path store = tmp.resolve("lsm");
        assertThat(Cli.facade().run("--store", store.toString(), "--engine", "lsm", "put", "k", "v").exit()).isZero();
        Cli.Result get = Cli.facade().run("--store", store.toString(), "get", "k");
        assertThat(get.exit()).isZero();
        assertThat(get.out()).isEqualTo("v\n");
        assertThat(Cli.facade().run("--store", store.toString(), "info").out()).contains("lsm");
    }

    /** HLOG is kept off the tests' class path (oxistore-cli/pom.xml), so it stands for a missing engine. */
    @Test
    void aMissingEngineNamesItsArtifactAndTheEnginesPresent() {
        Cli.Result r = Cli.facade().run("--store", tmp.resolve("s").toString(), "--engine", "hlog", "put", "k", "v");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("dev.oxistore:oxistore-kv-hlog").contains("memory").hasLineCount(1);
    }

    @Test
    void theSharedStoreSeesEveryCommandsWrites() {
        KvStore store = cli.store();
        cli.run("put", "x", "1");
        assertThat(store.get(Bytes.utf8("x"))).isEqualTo(Bytes.utf8("1"));
        assertThat(store.isOpen()).as("commands' close() must not close the shared store").isTrue();
    }
}
