package dev.oxistore.cache.kv;

import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.Expiry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The dirty set of a write-back store and its flushing.
 *
 * <p>Writers {@link #buffer} under their key's stripe lock; a new key takes one of
 * {@code maxDirty} permits, so the set never holds more keys than that (a writer that finds it
 * full flushes first). A flush, under {@link #flushLock}, cuts the whole set at one instant
 * (under the write side of {@link #cut}, while writers hold the read side), writes the cut as a
 * single {@link WriteBatch} (atomic in every engine), and only then removes each flushed entry
 * that was not overwritten meanwhile. Readers therefore always find a write either in the set or
 * in the inner store, and because each flush is one atomic batch of everything acknowledged before
 * its cut, the inner store always holds the state after some prefix of the acknowledged writes.
 */
final class WriteBack {
    private static final System.Logger LOG = System.getLogger(WriteBack.class.getName());

    final ConcurrentHashMap<CacheKey, Pending> dirty = new ConcurrentHashMap<>();
    /** Keys whose buffered put expired before reaching the inner store, for purgeExpired. */
    final Set<CacheKey> droppedExpired = ConcurrentHashMap.newKeySet();
    final ReentrantLock flushLock = new ReentrantLock();
    private final ReentrantReadWriteLock cut = new ReentrantReadWriteLock();
    private final Semaphore permits;
    private final KvStore inner;
    private final InstantSource clock;
    private final Duration interval;
    private final Thread flusher;
    private volatile boolean running = true;
    /** Set under the write side of {@link #cut}: no write is buffered after the final flush. */
    private boolean closed;

    final AtomicLong bufferedPuts = new AtomicLong();
    final AtomicLong bufferedDeletes = new AtomicLong();
    final AtomicLong flushedPuts = new AtomicLong();
    final AtomicLong flushedDeletes = new AtomicLong();
    final AtomicLong flushes = new AtomicLong();
    final AtomicLong expiredDrops = new AtomicLong();

    WriteBack(KvStore inner, int maxDirty, Duration interval) {
        this.inner = inner;
        this.clock = inner.config().clock();
        this.permits = new Semaphore(maxDirty);
        this.interval = interval;
        this.flusher = Thread.ofPlatform().daemon().name("oxistore-cache-flusher").unstarted(this::flushPeriodically);
        flusher.start();
    }

    /** Buffers {@code p} for {@code key}; the caller holds the key's stripe lock. */
    void buffer(CacheKey key, Pending p) {
        while (true) {
            boolean[] stored = {true};
            cut.readLock().lock();
            try {
                if (closed) {
                    throw new dev.oxistore.kv.StoreClosedException("the cached store is closed: open a new one");
                }
                dirty.compute(key, (k, old) -> {
                    if (old != null || permits.tryAcquire()) {
                        return p;
                    }
                    stored[0] = false;
                    return null;
                });
            } finally {
                cut.readLock().unlock();
            }
            if (stored[0]) {
                droppedExpired.remove(key);
                if (p.value() == null) {
                    bufferedDeletes.incrementAndGet();
                } else {
                    bufferedPuts.incrementAndGet();
                }
                return;
            }
            flush();
        }
    }

    /** Writes every buffered write to the inner store in one atomic batch; waits for a flush under way. */
    void flush() {
        flushLock.lock();
        try {
            List<Map.Entry<CacheKey, Pending>> entries;
            cut.writeLock().lock();
            try {
                if (dirty.isEmpty()) {
                    return;
                }
                entries = new ArrayList<>(dirty.size());
                for (Map.Entry<CacheKey, Pending> e : dirty.entrySet()) {
                    entries.add(Map.entry(e.getKey(), e.getValue()));
                }
            } finally {
                cut.writeLock().unlock();
            }
            WriteBatch batch = new WriteBatch();
            long now = clock.millis();
            int puts = 0;
            int deletes = 0;
            List<CacheKey> expired = new ArrayList<>();
            for (Map.Entry<CacheKey, Pending> e : entries) {
                CacheKey k = e.getKey();
                Pending p = e.getValue();
                if (p.value() == null) {
                    batch.delete(k.keyspace, k.key);
                    deletes++;
                } else if (p.expiresAt() == Expiry.NEVER) {
                    batch.put(k.keyspace, k.key, p.value());
                    puts++;
                } else if (Expiry.isExpired(p.expiresAt(), now)) {
                    // Already expired: the key is absent now, whatever the inner store held.
                    batch.delete(k.keyspace, k.key);
                    deletes++;
                    expired.add(k);
                } else {
                    batch.put(k.keyspace, k.key, p.value(), Duration.ofMillis(p.expiresAt() - now));
                    puts++;
                }
            }
            inner.write(batch);
            flushedPuts.addAndGet(puts);
            flushedDeletes.addAndGet(deletes);
            flushes.incrementAndGet();
            expiredDrops.addAndGet(expired.size());
            droppedExpired.addAll(expired);
            for (Map.Entry<CacheKey, Pending> e : entries) {
                if (dirty.remove(e.getKey(), e.getValue())) {
                    permits.release();
                } else {
                    droppedExpired.remove(e.getKey()); // overwritten meanwhile: its new write decides
                }
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** Takes and forgets the keys counted as expired since the last call. */
    long takeDroppedExpired() {
        long n = 0;
        for (var it = droppedExpired.iterator(); it.hasNext(); ) {
            it.next();
            it.remove();
            n++;
        }
        return n;
    }

    private void flushPeriodically() {
        while (running) {
            LockSupport.parkNanos(interval.toNanos());
            if (!running) {
                return;
            }
            try {
                flush();
            } catch (RuntimeException e) {
                // Kept dirty and retried on the next tick, or raised by the caller's flush()/close().
                LOG.log(System.Logger.Level.WARNING, "background write-back flush failed; retrying", e);
            }
        }
    }

    /** Stops the background flusher and refuses further writes; the caller then flushes what is left. */
    void stop() {
        cut.writeLock().lock();
        try {
            closed = true;
        } finally {
            cut.writeLock().unlock();
        }
        running = false;
        LockSupport.unpark(flusher);
        try {
            flusher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
