package dev.oxistore.cache.kv;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A transaction of the inner store that remembers the keys it writes, so their cached entries
 * are dropped once it commits. Reads and writes go to the inner transaction (its snapshot was
 * taken after buffered writes were flushed); commit flushes again first, so a buffered write
 * made after {@code begin()} reaches the inner store and conflicts as a plain write would.
 */
final class CachedTxn implements KvTxn {
    private final CachedKvStore owner;
    private final KvTxn inner;
    private final List<CacheKey> written = new ArrayList<>();
    private final View defaultView;

    CachedTxn(CachedKvStore owner, KvTxn inner) {
        this.owner = owner;
        this.inner = inner;
        this.defaultView = new View(inner, KvStore.DEFAULT_KEYSPACE);
    }

    /** A keyspace view that records writes under {@code name}. */
    private final class View implements KvReadWriter {
        private final KvReadWriter view;
        private final String name;

        View(KvReadWriter view, String name) {
            this.view = view;
            this.name = name;
        }

        @Override
        public byte[] get(byte[] key) {
            return view.get(key);
        }

        @Override
        public boolean contains(byte[] key) {
            return view.contains(key);
        }

        @Override
        public List<byte[]> getAll(List<byte[]> keys) {
            return view.getAll(keys);
        }

        @Override
        public KvCursor scan(KeyRange range) {
            return view.scan(range);
        }

        @Override
        public long count() {
            return view.count();
        }

        @Override
        public Optional<Duration> ttl(byte[] key) {
            return view.ttl(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            view.put(key, value);
            written.add(new CacheKey(name, key.clone()));
        }

        @Override
        public void put(byte[] key, byte[] value, Duration ttl) {
            view.put(key, value, ttl);
            written.add(new CacheKey(name, key.clone()));
        }

        @Override
        public void delete(byte[] key) {
            view.delete(key);
            written.add(new CacheKey(name, key.clone()));
        }

        @Override
        public void merge(byte[] key, byte[] operand) {
            view.merge(key, operand);
            written.add(new CacheKey(name, key.clone()));
        }
    }

    @Override
    public KvReadWriter keyspace(String name) {
        return new View(inner.keyspace(name), name);
    }

    @Override
    public void commit() {
        owner.flushBeforeDirectOp();
        try {
            inner.commit();
        } finally {
            owner.invalidateAll(written);
        }
    }

    @Override
    public void rollback() {
        inner.rollback();
    }

    @Override
    public void close() {
        inner.close();
    }

    // The default keyspace: this transaction itself, recording writes.

    @Override
    public byte[] get(byte[] key) {
        return inner.get(key);
    }

    @Override
    public boolean contains(byte[] key) {
        return inner.contains(key);
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        return inner.getAll(keys);
    }

    @Override
    public KvCursor scan(KeyRange range) {
        return inner.scan(range);
    }

    @Override
    public long count() {
        return inner.count();
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        return inner.ttl(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        defaultView.put(key, value);
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        defaultView.put(key, value, ttl);
    }

    @Override
    public void delete(byte[] key) {
        defaultView.delete(key);
    }

    @Override
    public void merge(byte[] key, byte[] operand) {
        defaultView.merge(key, operand);
    }
}
