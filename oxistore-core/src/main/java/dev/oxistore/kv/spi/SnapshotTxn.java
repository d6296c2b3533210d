package dev.oxistore.kv.spi;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.spi.DefaultKeyspaceReadWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot-isolation {@link KvTxn} for any engine that can provide a {@link TxnBase}: reads
 * come from the base (the store as of {@code begin()}) with this transaction's buffered writes
 * laid over them ({@link TxnWriteSet}, {@link OverlayCursor}); {@link #commit()} hands the writes
 * to the engine, which applies them atomically or raises {@link TxnConflictException}. After
 * commit, rollback or a failed commit every method raises
 * {@link dev.oxistore.kv.StoreClosedException}; {@link #close()} never raises. Not thread-safe.
 */
public final class SnapshotTxn implements KvTxn, DefaultKeyspaceReadWriter {

    private final TxnBase base;
    private final StoreConfig config;
    private final InstantSource clock;
    private final MetricsRecorder metrics;
    private final Lifecycle life;
    private final KeyspaceChecks checks;
    private final TxnWriteSet writes = new TxnWriteSet();
    private final Space defaultSpace;

    /**
     * A transaction over {@code base}.
     *
     * @param store the store's lifecycle: the transaction dies with it, and a read-only store
     *              refuses its writes
     */
    public SnapshotTxn(TxnBase base, StoreConfig config, MetricsRecorder metrics, Lifecycle store) {
        this.base = base;
        this.config = config;
        this.clock = config.clock();
        this.metrics = metrics;
        this.life = store.child("the transaction was rolled back: start a new one with KvStore.begin()");
        this.checks = new KeyspaceChecks(config, life);
        this.defaultSpace = new Space(KvStore.DEFAULT_KEYSPACE);
    }

    /** The writes buffered so far (for engines and tests; do not modify). */
    public TxnWriteSet writes() {
        return writes;
    }

    @Override
    public KvReadWriter keyspace(String name) {
        life.ensureOpen();
        return new Space(Checks.keyspaceName(name));
    }

    @Override
    public void commit() {
        life.ensureOpen();
        try {
            base.commit(writes);
        } catch (TxnConflictException e) {
            metrics.conflict();
            finish("the transaction failed with a write-write conflict and applied nothing: "
                    + "run it again in a new transaction (KvStore.inTransaction retries for you)");
            throw e;
        } catch (RuntimeException | Error e) {
            finish("the transaction failed to commit (" + e + "): start a new one with KvStore.begin()");
            throw e;
        }
        metrics.commit();
        finish("the transaction was committed: start a new one with KvStore.begin()");
    }

    @Override
    public void rollback() {
        life.ensureOpen();
        finish("the transaction was rolled back: start a new one with KvStore.begin()");
    }

    @Override
    public void close() {
        finish("the transaction was closed: start a new one with KvStore.begin()");
    }

    private void finish(String message) {
        if (life.close(message)) {
            writes.clear();
            base.release();
        }
    }

    /** The transaction's view of one keyspace: reads through the overlay, writes into the buffer. */
    private final class Space implements KvReadWriter {
        private final String name;
        private final ViewReader reader;

        Space(String name) {
            this.name = name;
            this.reader = new ViewReader(base, writes, name, config, metrics, life);
        }

        @Override
        public byte[] get(byte[] key) {
            return reader.get(key);
        }

        @Override
        public boolean contains(byte[] key) {
            return reader.contains(key);
        }

        @Override
        public List<byte[]> getAll(List<byte[]> keys) {
            return reader.getAll(keys);
        }

        @Override
        public KvCursor scan(KeyRange range) {
            return reader.scan(range);
        }

        @Override
        public long count() {
            return reader.count();
        }

        @Override
        public Optional<Duration> ttl(byte[] key) {
            return reader.ttl(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            checks.beforePut(key, value);
            writes.put(name, key.clone(), value.clone(), Expiry.NEVER);
        }

        @Override
        public void put(byte[] key, byte[] value, Duration ttl) {
            checks.beforePut(key, value, ttl);
            writes.put(name, key.clone(), value.clone(), Expiry.deadline(clock.millis(), ttl));
        }

        @Override
        public void delete(byte[] key) {
            checks.beforeWrite(key);
            writes.delete(name, key.clone());
        }

        @Override
        public void merge(byte[] key, byte[] operand) {
            checks.beforeMerge(key, operand);
            writes.merge(name, key.clone(), operand.clone(), config, base, clock.millis());
        }
    }

    @Override
    public KvReadWriter defaultKeyspace() {
        return defaultSpace;
    }
}
