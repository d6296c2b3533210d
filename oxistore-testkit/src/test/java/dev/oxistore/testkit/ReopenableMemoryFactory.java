package dev.oxistore.testkit;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.memory.MemoryStores;
import dev.oxistore.kv.spi.ForwardingKvStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in persistent engine for testing the testkit itself: memory stores whose live contents
 * (every keyspace, with remaining TTLs) are saved per directory on close and written back on
 * reopen. It lets the suites' persistence tests and the model's reopen steps run before any
 * on-disk engine exists. No read-only open (it declares so). {@link #forgettingTtls()} gives a
 * faulty variant that restores every entry without its expiry, to show the suites notice.
 */
final class ReopenableMemoryFactory implements StoreFactory {

    private final boolean forgetTtls;

    ReopenableMemoryFactory() {
        this(false);
    }

    private ReopenableMemoryFactory(boolean forgetTtls) {
        this.forgetTtls = forgetTtls;
    }

    /** A variant that loses every TTL across a reopen. */
    static ReopenableMemoryFactory forgettingTtls() {
        return new ReopenableMemoryFactory(true);
    }

    private record Saved(String keyspace, byte[] key, byte[] value, Duration ttl) {
    }

    private final Map<Path, List<Saved>> images = new ConcurrentHashMap<>();

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        if (config.readOnly()) {
            throw new UnsupportedFeatureException(Capability.READ_ONLY_OPEN, "the reopenable test store has no read-only mode");
        }
        KvStore store = MemoryStores.FACTORY.open(dir, config);
        List<Saved> image = images.remove(dir);
        if (image != null && !image.isEmpty()) {
            WriteBatch restore = new WriteBatch();
            for (Saved s : image) {
                if (s.ttl() == null || forgetTtls) {
                    restore.put(s.keyspace(), s.key(), s.value());
                } else {
                    restore.put(s.keyspace(), s.key(), s.value(), s.ttl());
                }
            }
            store.write(restore);
        }
        return new ForwardingKvStore(store) {
            private final Set<Capability> capabilities = withPersistence(store.capabilities());

            @Override
            public Set<Capability> capabilities() {
                return capabilities;
            }

            @Override
            public Optional<Path> path() {
                return Optional.of(dir);
            }

            @Override
            public long sizeOnDisk() {
                long size = 1;
                for (String ks : keyspaces()) {
                    for (KvEntry e : Kit.scan(keyspace(ks), KeyRange.all())) {
                        size += e.key().length + e.value().length;
                    }
                }
                return size;
            }

            @Override
            public synchronized void close() {
                if (delegate.isOpen()) {
                    images.put(dir, save(delegate));
                }
                delegate.close();
            }
        };
    }

    private static Set<Capability> withPersistence(Set<Capability> base) {
        EnumSet<Capability> caps = EnumSet.copyOf(base);
        caps.add(Capability.PERSISTENT);
        caps.remove(Capability.READ_ONLY_OPEN);
        return Set.copyOf(caps);
    }

    private static List<Saved> save(KvStore store) {
        List<Saved> image = new ArrayList<>();
        for (String ks : store.keyspaces()) {
            for (KvEntry e : Kit.scan(store.keyspace(ks), KeyRange.all())) {
                image.add(new Saved(ks, e.key(), e.value(), store.keyspace(ks).ttl(e.key()).orElse(null)));
            }
        }
        return image;
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
