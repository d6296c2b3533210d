package dev.oxistore.testkit.crash;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.KvEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * The process {@link CrashHarness} kills: opens a store of one engine kind under the durability
 * it is given ({@link Durability#SYNC} or {@link Durability#FLUSH}) and commits single puts and
 * multi-key batches (across two keyspaces, or only the default one when the engine has no
 * {@code KEYSPACES}) until it is killed, printing one acknowledgement line per commit after the
 * call returned.
 *
 * <p>Protocol on stdout: {@code READY} once the store is open, then per commit
 * {@code ACK <id> P 1 .} (a put of {@link CrashHarness#putKey}) or {@code ACK <id> B <n> .}
 * (a batch of {@code n} keys {@link CrashHarness#batchKey} plus the round's
 * {@link CrashHarness#lastKey}). The trailing dot marks a complete line. The child exits on its own
 * when its stdin closes (the parent died) or after a safety timeout.
 *
 * <p>Arguments: {@code <kind> <durability> <store dir> <seed> <round> [engineOption=value ...]}.
 */
public final class CrashChild {

    private static final long SAFETY_TIMEOUT_MILLIS = 120_000;

    private CrashChild() {
    }

    /** Runs the child; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: CrashChild <kind> <SYNC|FLUSH> <store dir> <seed> <round> [option=value ...]");
            System.exit(2);
        }
        EngineKind kind = EngineKind.parse(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        Path dir = Path.of(args[2]);
        long seed = Long.parseLong(args[3]);
        long round = Long.parseLong(args[4]);
        StoreConfig.Builder cb = StoreConfig.builder().durability(durability);
        for (int i = 5; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            cb.engineOption(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        exitWhenOrphaned();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        KvEngine engine = ServiceLoader.load(KvEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " engine on the class path"));
        Random random = new Random(seed);
        try (KvStore store = engine.open(dir, cb.build())) {
            List<String> spaces = CrashHarness.keyspaces(store);
            out.println("READY");
            out.flush();
            for (long i = 1; ; i++) {
                long id = CrashHarness.commitId(round, i);
                if (random.nextInt(3) == 0) {
                    store.put(CrashHarness.putKey(id), CrashHarness.value(id, 0, 1));
                    out.println("ACK " + id + " P 1 .");
                } else {
                    int n = 1 + random.nextInt(CrashHarness.MAX_BATCH);
                    WriteBatch batch = new WriteBatch();
                    for (int j = 0; j < n; j++) {
                        batch.put(CrashHarness.keyspaceOf(j, spaces), CrashHarness.batchKey(id, j), CrashHarness.value(id, j, n));
                    }
                    batch.put(CrashHarness.lastKey(round), CrashHarness.value(id, n, n));
                    store.write(batch);
                    out.println("ACK " + id + " B " + n + " .");
                }
                out.flush();
            }
        }
    }

    /** Exits when the parent goes away (stdin closes) or after a safety timeout, so no child outlives its test. */
    private static void exitWhenOrphaned() {
        daemon("crash-child-stdin", () -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the parent writes nothing; reading only detects its death
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone
            }
            Runtime.getRuntime().halt(3);
        });
        daemon("crash-child-timeout", () -> {
            try {
                Thread.sleep(SAFETY_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(4);
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
