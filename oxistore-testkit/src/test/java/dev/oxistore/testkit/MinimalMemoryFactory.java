package dev.oxistore.testkit;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.memory.MemoryStores;
import dev.oxistore.kv.spi.ForwardingKvStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A stand-in for an engine with no optional capability: memory stores that declare only
 * {@link Capability#INTEGRITY_CHECK} and refuse everything else (even a configured merge operator
 * at open) with {@link UnsupportedFeatureException}. It checks the suites skip what an engine
 * lacks and verify the refusals instead.
 */
final class MinimalMemoryFactory implements StoreFactory {

    private static UnsupportedFeatureException lacks(Capability c) {
        return new UnsupportedFeatureException(c, "the minimal test store has no " + c);
    }

    @Override
    public KvStore open(Path dir, StoreConfig config) {
        if (config.readOnly()) {
            throw lacks(Capability.READ_ONLY_OPEN);
        }
        if (config.mergeOperator().isPresent()) {
            throw lacks(Capability.MERGE);
        }
        return new ForwardingKvStore(MemoryStores.FACTORY.open(dir, config)) {
            @Override public Set<Capability> capabilities() { return Set.of(Capability.INTEGRITY_CHECK); }
            @Override public KvTxn begin() { throw lacks(Capability.TRANSACTIONS); }
            @Override public KvSnapshot snapshot() { throw lacks(Capability.SNAPSHOTS); }
            @Override public void put(byte[] key, byte[] value, Duration ttl) { throw lacks(Capability.TTL); }
            @Override public boolean expire(byte[] key, Duration ttl) { throw lacks(Capability.TTL); }
            @Override public boolean persist(byte[] key) { throw lacks(Capability.TTL); }
            @Override public void merge(byte[] key, byte[] operand) { throw lacks(Capability.MERGE); }
            @Override public Watch watch(byte[] prefix, WatchListener listener) { throw lacks(Capability.WATCH); }

            @Override
            public Keyspace keyspace(String name) {
                Keyspace ks = delegate.keyspace(name);
                if (!name.equals(KvStore.DEFAULT_KEYSPACE)) {
                    throw lacks(Capability.KEYSPACES);
                }
                return ks;
            }

            @Override
            public void write(WriteBatch batch) {
                for (WriteBatch.Op op : batch == null ? java.util.List.<WriteBatch.Op>of() : batch.ops()) {
                    if (!op.keyspace().equals(KvStore.DEFAULT_KEYSPACE)) {
                        throw lacks(Capability.KEYSPACES);
                    }
                    if (op instanceof WriteBatch.Merge) {
                        throw lacks(Capability.MERGE);
                    }
                    if (op instanceof WriteBatch.Put p && p.ttl() != null) {
                        throw lacks(Capability.TTL);
                    }
                }
                delegate.write(batch);
            }
        };
    }

    @Override
    public boolean persistent() {
        return false;
    }
}
