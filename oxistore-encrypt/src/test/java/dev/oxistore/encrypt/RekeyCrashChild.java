package dev.oxistore.encrypt;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The child JVM of {@link RekeyCrashTest}: opens the BTREE store (SYNC durability), re-keys it in
 * chunks and prints {@code DONE n} after each committed chunk, until the parent kills it. Exits on
 * its own when the parent goes away (its stdin closes) or after two minutes.
 */
public final class RekeyCrashChild {

    private RekeyCrashChild() {
    }

    public static void main(String[] args) {
        Thread guard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the parent's end of the pipe to close
                }
            } catch (IOException ignored) {
                // the parent is gone either way
            }
            Runtime.getRuntime().halt(3);
        });
        guard.setDaemon(true);
        guard.start();
        Thread timeout = new Thread(() -> {
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException ignored) {
                return;
            }
            Runtime.getRuntime().halt(4);
        });
        timeout.setDaemon(true);
        timeout.start();

        KvStore inner = EncryptedStores.engine(EngineKind.BTREE).open(Path.of(args[0]),
                EncryptedKvStore.innerConfig(StoreConfig.defaults()));
        EncryptedKvStore store = EncryptedKvStore.wrap(inner, RekeyCrashTest.BOTH_KEYS);
        System.out.println("OPEN");
        System.out.flush();
        store.rekey(Integer.parseInt(args[1]), done -> {
            System.out.println("DONE " + done);
            System.out.flush();
        });
        System.out.println("FINISHED");
        System.out.flush();
        store.close();
        Runtime.getRuntime().halt(0);
    }
}
