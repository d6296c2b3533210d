package dev.oxistore.testkit;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.ForwardingKvStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Deliberately broken stores: each wraps a healthy one and breaks exactly one rule of the
 * contract, so the teeth tests can show that the suites catch it.
 */
final class BrokenStores {

    private BrokenStores() {
    }

    /** A factory whose stores are {@code base}'s, broken by {@code breaker}. */
    static StoreFactory wrap(StoreFactory base, UnaryOperator<KvStore> breaker) {
        return new StoreFactory() {
            @Override
            public KvStore open(Path dir, StoreConfig config) {
                return breaker.apply(base.open(dir, config));
            }

            @Override
            public boolean persistent() {
                return base.persistent();
            }
        };
    }

    /** Scans of the default keyspace also return entries whose time to live ran out. */
    static KvStore scansShowExpired(KvStore store) {
        return new ForwardingKvStore(store) {
            private final Map<byte[], byte[]> ghosts = new TreeMap<>(Bytes.ORDER);

            @Override
            public synchronized void put(byte[] key, byte[] value, Duration ttl) {
                delegate.put(key, value, ttl);
                ghosts.put(key.clone(), value.clone());
            }

            @Override
            public synchronized void put(byte[] key, byte[] value) {
                delegate.put(key, value);
                ghosts.remove(key);
            }

            @Override
            public synchronized void delete(byte[] key) {
                delegate.delete(key);
                ghosts.remove(key);
            }

            @Override
            public synchronized KvCursor scan(KeyRange range) {
                TreeMap<byte[], byte[]> merged = new TreeMap<>(Bytes.ORDER);
                ghosts.forEach((k, v) -> {
                    if (range.contains(k)) {
                        merged.put(k, v);
                    }
                });
                for (KvEntry e : Kit.scan(delegate, range)) {
                    merged.put(e.key(), e.value());
                }
                List<KvEntry> out = new ArrayList<>();
                merged.forEach((k, v) -> out.add(new KvEntry(k, v)));
                return new ListCursor(range.isReverse() ? out.reversed() : out);
            }
        };
    }

    /** Snapshots read the live store, so they see later writes. */
    static KvStore snapshotsSeeLaterWrites(KvStore store) {
        return new ForwardingKvStore(store) {
            @Override
            public KvSnapshot snapshot() {
                KvStore live = delegate;
                return new KvSnapshot() {
                    @Override public KvReader keyspace(String name) { return live.keyspace(name); }
                    @Override public void close() { }
                    @Override public byte[] get(byte[] key) { return live.get(key); }
                    @Override public boolean contains(byte[] key) { return live.contains(key); }
                    @Override public List<byte[]> getAll(List<byte[]> keys) { return live.getAll(keys); }
                    @Override public KvCursor scan(KeyRange range) { return live.scan(range); }
                    @Override public long count() { return live.count(); }
                    @Override public Optional<Duration> ttl(byte[] key) { return live.ttl(key); }
                };
            }
        };
    }

    /** Deletes (plain ones, in the default keyspace) of keys starting with 0xFF are silently dropped. */
    static KvStore ignoresDeletesOfFfKeys(KvStore store) {
        return new ForwardingKvStore(store) {
            @Override
            public void delete(byte[] key) {
                if (key != null && key.length > 0 && key[0] == (byte) 0xFF) {
                    return;
                }
                delegate.delete(key);
            }
        };
    }

    /** Scans of the default keyspace order keys as signed bytes (0x80 before 0x7F). */
    static KvStore signedScanOrder(KvStore store) {
        return new ForwardingKvStore(store) {
            @Override
            public KvCursor scan(KeyRange range) {
                List<KvEntry> entries = new ArrayList<>(Kit.scan(delegate, range));
                Comparator<KvEntry> signed = (a, b) -> Arrays.compare(a.key(), b.key());
                entries.sort(range.isReverse() ? signed.reversed() : signed);
                return new ListCursor(entries);
            }
        };
    }

    /** Batches are applied one operation at a time, pausing between operations. */
    static KvStore nonAtomicBatches(KvStore store) {
        return new ForwardingKvStore(store) {
            @Override
            public void write(WriteBatch batch) {
                for (WriteBatch.Op op : batch.ops()) {
                    switch (op) {
                        case WriteBatch.Put(String ks, byte[] key, byte[] value, Duration ttl) -> {
                            if (ttl == null) {
                                delegate.keyspace(ks).put(key, value);
                            } else {
                                delegate.keyspace(ks).put(key, value, ttl);
                            }
                        }
                        case WriteBatch.Delete(String ks, byte[] key) -> delegate.keyspace(ks).delete(key);
                        case WriteBatch.Merge(String ks, byte[] key, byte[] operand) -> delegate.keyspace(ks).merge(key, operand);
                    }
                    LockSupport.parkNanos(50_000);
                }
            }
        };
    }

    /** A commit that loses a write-write conflict reports success (and silently applies nothing). */
    static KvStore swallowsConflicts(KvStore store) {
        return new ForwardingKvStore(store) {
            @Override
            public KvTxn begin() {
                KvTxn txn = delegate.begin();
                return new KvTxn() {
                    @Override public KvReadWriter keyspace(String name) { return txn.keyspace(name); }
                    @Override public void rollback() { txn.rollback(); }
                    @Override public void close() { txn.close(); }
                    @Override public byte[] get(byte[] key) { return txn.get(key); }
                    @Override public boolean contains(byte[] key) { return txn.contains(key); }
                    @Override public List<byte[]> getAll(List<byte[]> keys) { return txn.getAll(keys); }
                    @Override public KvCursor scan(KeyRange range) { return txn.scan(range); }
                    @Override public long count() { return txn.count(); }
                    @Override public Optional<Duration> ttl(byte[] key) { return txn.ttl(key); }
                    @Override public void put(byte[] key, byte[] value) { txn.put(key, value); }
                    @Override public void put(byte[] key, byte[] value, Duration ttl) { txn.put(key, value, ttl); }
                    @Override public void delete(byte[] key) { txn.delete(key); }
                    @Override public void merge(byte[] key, byte[] operand) { txn.merge(key, operand); }

                    @Override
                    public void commit() {
                        try {
                            txn.commit();
                        } catch (TxnConflictException swallowed) {
                            // the bug under test: the caller believes the commit succeeded
                        }
                    }
                };
            }
        };
    }

    /** compareAndSet as a read, a compare and a write that other threads can interleave with. */
    static KvStore racyCompareAndSet(KvStore store) {
        return new ForwardingKvStore(store) {
            @Override
            public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
                byte[] current = delegate.get(key);
                if (!Arrays.equals(current, expected)) {
                    return false;
                }
                // a real pause, not just a yield: on a quiet machine a yield alone may never let
                // another incrementer in between, and then this broken store would pass by luck
                LockSupport.parkNanos(50_000);
                if (next == null) {
                    delegate.delete(key);
                } else {
                    delegate.put(key, next);
                }
                return true;
            }
        };
    }

    /** get hands out one shared array per stored value, so a caller's change corrupts later reads. */
    static KvStore sharesValueArrays(KvStore store) {
        return new ForwardingKvStore(store) {
            private final Map<String, byte[][]> handedOut = new HashMap<>();

            @Override
            public synchronized byte[] get(byte[] key) {
                byte[] value = delegate.get(key);
                if (value == null) {
                    return null;
                }
                byte[][] cached = handedOut.get(Bytes.hex(key));
                if (cached != null && Arrays.equals(cached[0], value)) {
                    return cached[1];
                }
                handedOut.put(Bytes.hex(key), new byte[][] {value, value.clone()});
                return handedOut.get(Bytes.hex(key))[1];
            }
        };
    }
}
