package dev.oxistore.kv.btree;

import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;

/** A process for {@link BtreeEngineTest}: opens a store, says "OPEN", and holds it until killed. */
public final class LockHolder {

    private LockHolder() {
    }

    /** Arguments: the store directory, and "true" to open read-only. */
    public static void main(String[] args) throws InterruptedException {
        var store = new BtreeEngine().open(Path.of(args[0]), StoreConfig.builder().readOnly(Boolean.parseBoolean(args[1])).build());
        System.out.println("OPEN");
        System.out.flush();
        Thread.sleep(120_000);
        store.close();
    }
}
