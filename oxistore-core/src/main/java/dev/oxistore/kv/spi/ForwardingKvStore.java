package dev.oxistore.kv.spi;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store that forwards every call to another. Decorators and test doubles extend it and
 * override only what they change, like Lucene's {@code FilterDirectory}. {@code inTransaction} is
 * inherited from {@link KvStore}, so it runs on this store's {@link #begin()}.
 */
public class ForwardingKvStore implements KvStore {

    /** The store every call goes to. */
    protected final KvStore delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingKvStore(KvStore delegate) {
        this.delegate = delegate;
    }

    @Override public String name() { return delegate.name(); }
    @Override public byte[] get(byte[] key) { return delegate.get(key); }
    @Override public boolean contains(byte[] key) { return delegate.contains(key); }
    @Override public List<byte[]> getAll(List<byte[]> keys) { return delegate.getAll(keys); }
    @Override public KvCursor scan(KeyRange range) { return delegate.scan(range); }
    @Override public long count() { return delegate.count(); }
    @Override public Optional<Duration> ttl(byte[] key) { return delegate.ttl(key); }
    @Override public void put(byte[] key, byte[] value) { delegate.put(key, value); }
    @Override public void put(byte[] key, byte[] value, Duration ttl) { delegate.put(key, value, ttl); }
    @Override public void delete(byte[] key) { delegate.delete(key); }
    @Override public void merge(byte[] key, byte[] operand) { delegate.merge(key, operand); }
    @Override public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) { return delegate.compareAndSet(key, expected, next); }
    @Override public boolean expire(byte[] key, Duration ttl) { return delegate.expire(key, ttl); }
    @Override public boolean persist(byte[] key) { return delegate.persist(key); }
    @Override public Watch watch(byte[] prefix, WatchListener listener) { return delegate.watch(prefix, listener); }
    @Override public EngineKind kind() { return delegate.kind(); }
    @Override public StoreConfig config() { return delegate.config(); }
    @Override public Optional<Path> path() { return delegate.path(); }
    @Override public Set<Capability> capabilities() { return delegate.capabilities(); }
    @Override public Keyspace keyspace(String name) { return delegate.keyspace(name); }
    @Override public Set<String> keyspaces() { return delegate.keyspaces(); }
    @Override public boolean dropKeyspace(String name) { return delegate.dropKeyspace(name); }
    @Override public void write(WriteBatch batch) { delegate.write(batch); }
    @Override public KvTxn begin() { return delegate.begin(); }
    @Override public KvSnapshot snapshot() { return delegate.snapshot(); }
    @Override public long purgeExpired() { return delegate.purgeExpired(); }
    @Override public long sizeOnDisk() { return delegate.sizeOnDisk(); }
    @Override public long compact() { return delegate.compact(); }
    @Override public void flush() { delegate.flush(); }
    @Override public void backup(Path target) { delegate.backup(target); }
    @Override public IntegrityReport checkIntegrity() { return delegate.checkIntegrity(); }
    @Override public StoreMetrics metrics() { return delegate.metrics(); }
    @Override public boolean isOpen() { return delegate.isOpen(); }
    @Override public void close() { delegate.close(); }
}
