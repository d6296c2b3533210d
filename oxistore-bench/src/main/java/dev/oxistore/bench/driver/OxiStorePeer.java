package dev.oxistore.bench.driver;

import dev.oxistore.OxiStore;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One of our engines, opened through the facade by {@link EngineKind}, so an engine module on the
 * class path appears in the runner by its kind. Durability is the store's own
 * {@link dev.oxistore.kv.Durability}, passed through unchanged.
 */
record OxiStorePeer(EngineKind kind) implements Peer {

    @Override
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean ordered() {
        return true;
    }

    @Override
    public boolean persistent() {
        return kind != EngineKind.MEMORY;
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        StoreConfig sc = StoreConfig.builder().durability(config.durability()).build();
        KvStore store = kind == EngineKind.MEMORY ? OxiStore.openInMemory(kind, sc) : OxiStore.open(kind, dir.resolve("store"), sc);
        return new StoreDriver(store);
    }

    private record StoreDriver(KvStore store) implements Driver {

        @Override
        public void put(byte[] key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public byte[] get(byte[] key) {
            return store.get(key);
        }

        @Override
        public void delete(byte[] key) {
            store.delete(key);
        }

        @Override
        public int seek(byte[] from, int count) {
            return drain(KeyRange.atLeast(from), count);
        }

        @Override
        public long scanAll(boolean reverse) {
            return drain(reverse ? KeyRange.all().reversed() : KeyRange.all(), Integer.MAX_VALUE);
        }

        private int drain(KeyRange range, int count) {
            int n = 0;
            try (KvCursor c = store.scan(range)) {
                while (n < count && c.hasNext()) {
                    KvEntry e = c.next();
                    Blackhole.consume(e.key(), e.value());
                    n++;
                }
            }
            return n;
        }

        @Override
        public void flush() {
            store.flush();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
