package dev.oxistore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxistore.OxiStore;
import dev.oxistore.testkit.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same flows against a real store on disk through {@link OxiStore}, each command in its own
 * CLI instance as separate processes would be. Runs once the default engine is on the class path.
 */
class PersistentStoreCliTest {

    @TempDir
    Path tmp;

    private String store;

    @BeforeEach
    void needsTheDefaultEngine() {
        assumeTrue(OxiStore.availableEngines().contains(OxiStore.DEFAULT_ENGINE),
                "the default engine (" + OxiStore.DEFAULT_ENGINE + ") is not on the class path yet");
        store = tmp.resolve("data").toString();
    }

    @Test
    void aValuePutByOneCommandIsReadByTheNext() {
        assertThat(Cli.facade().run("--store", store, "put", "k", "v").exit()).isZero();
        Cli.Result get = Cli.facade().run("--store", store, "get", "k");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("v\n");
        assertThat(OxiStore.detect(Path.of(store))).contains(OxiStore.DEFAULT_ENGINE);
        assertThat(Cli.facade().run("--store", store, "info").out()).contains("engine         " + OxiStore.DEFAULT_ENGINE.name().toLowerCase());
    }

    @Test
    void aValuePutByOneProcessIsReadByAnotherAfterItExits() throws Exception {
        assertThat(runInChildJvm("--store", store, "put", "greeting", "hello from the first process").exit()).isZero();
        Cli.Result get = runInChildJvm("--store", store, "get", "greeting");
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("hello from the first process\n");
    }

    /** Runs the real main class in its own JVM, which exits when the command is done. */
    private static Cli.Result runInChildJvm(String... args) throws Exception {
        Process p = ChildJvm.command(List.of(), OxiStoreCli.class, args).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI process finished").isTrue();
        return new Cli.Result(p.exitValue(), out, err);
    }

    @Test
    void scanCountDeleteVerifyAndCompactWorkOnDisk() {
        for (String k : new String[] {"a1", "a2", "b1"}) {
            Cli.facade().run("--store", store, "put", k, "value of " + k);
        }
        assertThat(Cli.facade().run("--store", store, "scan", "--prefix", "a", "--keys-only").out()).isEqualTo("a1\na2\n");
        assertThat(Cli.facade().run("--store", store, "count").out()).isEqualTo("3\n");
        assertThat(Cli.facade().run("--store", store, "delete", "a1").out()).isEqualTo("deleted\n");
        assertThat(Cli.facade().run("--store", store, "count").out()).isEqualTo("2\n");
        assertThat(Cli.facade().run("--store", store, "verify").exit()).isZero();
        assertThat(Cli.facade().run("--store", store, "compact").out()).startsWith("reclaimed ");
    }

    @Test
    void exportAndImportBetweenTwoStoresOnDisk() {
        Cli.facade().run("--store", store, "--hex", "put", "00ff0a09", "ff00");
        Cli.facade().run("--store", store, "put", "-k", "logs", "t", "x", "--ttl", "1h");
        String file = tmp.resolve("dump").toString();
        assertThat(Cli.facade().run("--store", store, "export", file).exit()).isZero();
        String copy = tmp.resolve("copy").toString();
        Cli.Result imported = Cli.facade().run("--store", copy, "import", file);
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("imported 2 entries into 2 keyspaces");
        assertThat(Cli.facade().run("--store", copy, "--hex", "get", "00ff0a09", "--format", "hex").out()).isEqualTo("ff00\n");
        assertThat(Cli.facade().run("--store", copy, "get", "-k", "logs", "t").out()).isEqualTo("x\n");
    }

    @Test
    void benchWithTheDefaultEngineLeavesNothingBehind() {
        Cli.Result r = Cli.facade().run("bench", "--records", "200", "--operations", "400");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("store: " + OxiStore.DEFAULT_ENGINE.name().toLowerCase() + ", temporary directory")
                .contains("temporary store deleted");
    }

    @Test
    void readsOfAMissingStoreCreateNothing() {
        assertThat(Cli.facade().run("--store", store, "count").exit()).isEqualTo(1);
        assertThat(Cli.facade().run("--store", store, "export").exit()).isEqualTo(1);
        assertThat(Path.of(store)).doesNotExist();
    }
}
