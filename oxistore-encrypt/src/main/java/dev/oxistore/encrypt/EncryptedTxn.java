package dev.oxistore.encrypt;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.DefaultKeyspaceReadWriter;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.Merges;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A transaction of an {@link EncryptedKvStore}: an inner transaction whose writes are sealed when
 * buffered and whose reads (its own writes included) are opened on the way out. Isolation,
 * conflicts and atomic commit are the inner store's. Holds a lease until it ends.
 */
final class EncryptedTxn implements KvTxn, DefaultKeyspaceReadWriter {

    private final KvTxn inner;
    private final Sealer sealer;
    private final Lifecycle life;
    private final Leases.Epoch lease;
    private final Space defaultSpace;
    private long writes;
    private long deletes;

    EncryptedTxn(KvTxn inner, Sealer sealer, Leases.Epoch lease) {
        this.inner = inner;
        this.sealer = sealer;
        this.life = sealer.life.child("the transaction was rolled back: start a new one with KvStore.begin()");
        this.lease = lease;
        this.defaultSpace = new Space(inner, KvStore.DEFAULT_KEYSPACE);
    }

    @Override
    public KvReadWriter keyspace(String name) {
        life.ensureOpen();
        Checks.keyspaceName(name);
        Sealer.userKeyspace(name);
        return new Space(inner.keyspace(name), name);
    }

    @Override
    public void commit() {
        life.ensureOpen();
        try {
            inner.commit();
        } catch (TxnConflictException e) {
            sealer.metrics.conflict();
            end("the transaction failed with a write-write conflict and applied nothing: run it again in a new "
                    + "transaction (KvStore.inTransaction retries for you)");
            throw e;
        } catch (RuntimeException | Error e) {
            end("the transaction failed to commit (" + e + "): start a new one with KvStore.begin()");
            throw e;
        }
        sealer.metrics.commit();
        sealer.metrics.writes(writes);
        sealer.metrics.deletes(deletes);
        end("the transaction was committed: start a new one with KvStore.begin()");
    }

    @Override
    public void rollback() {
        life.ensureOpen();
        try {
            inner.rollback();
        } finally {
            end("the transaction was rolled back: start a new one with KvStore.begin()");
        }
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            end("the transaction was closed: start a new one with KvStore.begin()");
        }
    }

    private void end(String message) {
        if (life.close(message)) {
            sealer.leases.exitView(lease);
        }
    }

    /** The transaction's view of one keyspace. */
    private final class Space extends OpeningReader implements KvReadWriter {
        private final KvReadWriter space;

        Space(KvReadWriter space, String name) {
            super(space, name, EncryptedTxn.this.sealer, EncryptedTxn.this.life, false);
            this.space = space;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            life.ensureWritable();
            Checks.checkKey(key, sealer.config);
            Checks.checkValue(value, sealer.config);
            space.put(key, sealer.seal(keyspace, key, value));
            writes++;
        }

        @Override
        public void put(byte[] key, byte[] value, Duration ttl) {
            life.ensureWritable();
            Checks.checkKey(key, sealer.config);
            Checks.checkValue(value, sealer.config);
            Checks.ttl(ttl);
            space.put(key, sealer.seal(keyspace, key, value), ttl);
            writes++;
        }

        @Override
        public void delete(byte[] key) {
            life.ensureWritable();
            Checks.checkKey(key, sealer.config);
            space.delete(key);
            deletes++;
        }

        /** Resolved now against this transaction's view, like the inner store's own merges in a transaction. */
        @Override
        public void merge(byte[] key, byte[] operand) {
            life.ensureWritable();
            Merges.require(sealer.config);
            Checks.checkKey(key, sealer.config);
            Checks.checkValue(operand, sealer.config);
            Writes.merge(space, sealer, keyspace, key.clone(), operand.clone());
            writes++;
        }
    }

    @Override
    public KvReadWriter defaultKeyspace() {
        return defaultSpace;
    }
}
