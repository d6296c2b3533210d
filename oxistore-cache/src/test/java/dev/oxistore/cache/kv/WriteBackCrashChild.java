package dev.oxistore.cache.kv;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link WriteBackCrashTest} kills: a write-back cached BTREE store under
 * {@code SYNC}; for i = 1, 2, ... it puts {@code k<i> = i} then {@code last = i} and prints
 * {@code ACK i} once both returned. Arguments: {@code <store dir> <maxDirtyEntries>}. Exits when
 * its stdin closes (the parent died).
 */
public final class WriteBackCrashChild {

    private WriteBackCrashChild() {
    }

    static byte[] key(long i) {
        return ("k" + i).getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] LAST = "last".getBytes(StandardCharsets.UTF_8);

    static byte[] value(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    /** Runs the child. */
    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; reading only detects its death
                }
            } catch (IOException e) {
                // the parent is gone
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        KvStore inner = CachedStores.engine(EngineKind.BTREE).open(Path.of(args[0]),
                StoreConfig.builder().durability(Durability.SYNC).build());
        try (CachedKvStore store = CachedKvStore.builder(inner).mode(WriteMode.WRITE_BACK).policy(Policy.LRU)
                .maxDirtyEntries(Integer.parseInt(args[1])).flushInterval(Duration.ofMillis(20)).build()) {
            out.println("READY");
            out.flush();
            for (long i = 1; ; i++) {
                store.put(key(i), value(i));
                store.put(LAST, value(i));
                out.println("ACK " + i);
                out.flush();
            }
        }
    }
}
