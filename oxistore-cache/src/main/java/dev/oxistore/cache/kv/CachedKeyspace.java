package dev.oxistore.cache.kv;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.Expiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One keyspace of a {@link CachedKvStore}: point operations through the cache, the rest delegated. */
final class CachedKeyspace implements Keyspace {
    private final CachedKvStore owner;
    private final Keyspace inner;
    private final String name;

    CachedKeyspace(CachedKvStore owner, Keyspace inner, String name) {
        this.owner = owner;
        this.inner = inner;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    private CacheKey lookupKey(byte[] key) {
        owner.ensureOpen();
        Checks.checkKey(key, owner.config());
        return new CacheKey(name, key);
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] v = owner.read(lookupKey(key), inner).value();
        return v == null ? null : v.clone();
    }

    @Override
    public boolean contains(byte[] key) {
        return owner.read(lookupKey(key), inner).value() != null;
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        owner.ensureOpen();
        owner.flushBeforeDirectOp();
        return inner.getAll(keys); // one consistent view: the inner store's
    }

    @Override
    public KvCursor scan(KeyRange range) {
        owner.ensureOpen();
        owner.flushBeforeDirectOp();
        return inner.scan(range);
    }

    @Override
    public long count() {
        owner.ensureOpen();
        owner.flushBeforeDirectOp();
        return inner.count();
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        CacheKey ck = lookupKey(key);
        WriteBack wb = owner.writeBack();
        if (wb != null) {
            Pending p = wb.dirty.get(ck);
            if (p != null) {
                return p.value() == null ? Optional.empty() : Expiry.remaining(p.expiresAt(), owner.clock().millis());
            }
        }
        return inner.ttl(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        write(key, value, null);
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        owner.ensureOpen();
        Checks.ttl(ttl);
        write(key, value, ttl);
    }

    private void write(byte[] key, byte[] value, Duration ttl) {
        CacheKey ck = lookupKey(key);
        Checks.checkValue(value, owner.config());
        WriteBack wb = owner.bufferingWriteBack();
        if (wb != null) {
            checkWritable(ttl != null);
        }
        CacheKey owned = new CacheKey(name, key.clone());
        byte[] copy = value.clone();
        owner.lock(ck);
        try {
            if (wb == null) {
                owner.flushBeforeDirectOp();
            }
            // The deadline is taken before the inner store takes its own, so it is never later.
            long deadline = ttl == null ? Expiry.NEVER : Expiry.deadline(owner.clock().millis(), ttl);
            if (wb != null) {
                wb.buffer(owned, new Pending(copy, deadline));
            } else if (ttl == null) {
                inner.put(key, value);
            } else {
                inner.put(key, value, ttl);
            }
            owner.written(owned, new Cached(copy, deadline));
        } finally {
            owner.unlock(ck);
        }
    }

    @Override
    public void delete(byte[] key) {
        CacheKey ck = lookupKey(key);
        WriteBack wb = owner.bufferingWriteBack();
        if (wb != null) {
            checkWritable(false);
        }
        CacheKey owned = new CacheKey(name, key.clone());
        owner.lock(ck);
        try {
            if (wb == null) {
                owner.flushBeforeDirectOp();
            }
            if (wb != null) {
                wb.buffer(owned, new Pending(null, Expiry.NEVER));
            } else {
                inner.delete(key);
            }
            owner.written(owned, Cached.ABSENT);
        } finally {
            owner.unlock(ck);
        }
    }

    /** Write-back accepts writes without touching the inner store, so it checks what the store would. */
    private void checkWritable(boolean ttl) {
        if (owner.config().readOnly()) {
            throw new ReadOnlyStoreException("the store is open read-only: reopen it writable to write");
        }
        if (ttl && !owner.capabilities().contains(Capability.TTL)) {
            throw new UnsupportedFeatureException(Capability.TTL, "this engine (" + owner.kind()
                    + ") has no per-key time to live: put without a ttl, or use an engine with TTL");
        }
    }

    @Override
    public void merge(byte[] key, byte[] operand) {
        direct(key, () -> {
            inner.merge(key, operand);
            return null;
        });
    }

    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
        return direct(key, () -> inner.compareAndSet(key, expected, next));
    }

    @Override
    public boolean expire(byte[] key, Duration ttl) {
        return direct(key, () -> inner.expire(key, ttl));
    }

    @Override
    public boolean persist(byte[] key) {
        return direct(key, () -> inner.persist(key));
    }

    /**
     * A read-modify-write the inner store does atomically: under the key's stripe lock (so no
     * cached write to the key interleaves), after flushing buffered writes (so the inner store sees
     * them, in order), then the cached entry is dropped.
     */
    private <T> T direct(byte[] key, java.util.function.Supplier<T> op) {
        CacheKey ck = lookupKey(key);
        owner.lock(ck);
        try {
            owner.flushBeforeDirectOp();
            T result = op.get();
            owner.invalidateLocked(ck);
            return result;
        } finally {
            owner.unlock(ck);
        }
    }

    @Override
    public Watch watch(byte[] prefix, WatchListener listener) {
        owner.ensureOpen();
        return owner.watching(() -> inner.watch(prefix, listener));
    }

    /** Keys of a batch or transaction to invalidate after it committed. */
    static List<CacheKey> keysOf(List<dev.oxistore.kv.WriteBatch.Op> ops) {
        List<CacheKey> keys = new ArrayList<>(ops.size());
        for (dev.oxistore.kv.WriteBatch.Op op : ops) {
            keys.add(new CacheKey(op.keyspace(), op.key()));
        }
        return keys;
    }

    @Override
    public String toString() {
        return "CachedKeyspace[" + name + "]";
    }
}
