package dev.oxistore.encrypt;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.Merges;
import java.time.Duration;
import java.util.Arrays;

/**
 * One keyspace of an {@link EncryptedKvStore}: values are sealed on the way in and opened on the
 * way out; keys, expiry and presence pass through. Compare-and-set and merge, which must look at
 * the plaintext, are built on the inner store's own atomic primitives (see {@link #compareAndSet}
 * and {@link #merge}).
 */
final class EncryptedKeyspace extends OpeningReader implements Keyspace {

    private static final System.Logger LOG = System.getLogger(EncryptedKeyspace.class.getName());

    private final Keyspace space;
    private final KvStore store;

    EncryptedKeyspace(Keyspace space, KvStore store, Sealer sealer) {
        super(space, space.name(), sealer, sealer.life, true);
        this.space = space;
        this.store = store;
    }

    @Override
    public String name() {
        return keyspace;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        life.ensureWritable();
        Checks.checkKey(key, sealer.config);
        Checks.checkValue(value, sealer.config);
        Leases.Epoch lease = sealer.leases.enterOp();
        try {
            space.put(key, sealer.seal(keyspace, key, value));
        } finally {
            sealer.leases.exitOp(lease);
        }
        sealer.metrics.write();
    }

    @Override
    public void put(byte[] key, byte[] value, Duration ttl) {
        life.ensureWritable();
        Checks.checkKey(key, sealer.config);
        Checks.checkValue(value, sealer.config);
        Checks.ttl(ttl);
        Leases.Epoch lease = sealer.leases.enterOp();
        try {
            space.put(key, sealer.seal(keyspace, key, value), ttl);
        } finally {
            sealer.leases.exitOp(lease);
        }
        sealer.metrics.write();
    }

    @Override
    public void delete(byte[] key) {
        life.ensureWritable();
        Checks.checkKey(key, sealer.config);
        space.delete(key);
        sealer.metrics.delete();
    }

    /**
     * Runs an inner transaction that reads the current value, opens it, merges, seals the result
     * and puts it back with the key's remaining time to live, retrying on conflict. A
     * compare-and-set loop would be atomic too but clears the expiry, which a merge must keep.
     */
    @Override
    public void merge(byte[] key, byte[] operand) {
        life.ensureWritable();
        Merges.require(sealer.config);
        Writes.requireTransactions(store);
        Checks.checkKey(key, sealer.config);
        Checks.checkValue(operand, sealer.config);
        byte[] k = key.clone();
        byte[] op = operand.clone();
        Leases.Epoch lease = sealer.leases.enterOp();
        try {
            store.inTransaction(Writes.ATTEMPTS, txn -> {
                Writes.merge(txn.keyspace(keyspace), sealer, keyspace, k, op);
                return null;
            });
        } finally {
            sealer.leases.exitOp(lease);
        }
        sealer.metrics.write();
    }

    /**
     * Ciphertexts are randomised, so the inner store cannot compare plaintexts: read the current
     * ciphertext, open and compare it, then swap exactly that ciphertext with the inner store's
     * compare-and-set, and start again if anything (a writer, a re-key) replaced it meanwhile.
     * A mismatch is decided on one consistent read, which is where the call takes effect.
     */
    @Override
    public boolean compareAndSet(byte[] key, byte[] expected, byte[] next) {
        life.ensureWritable();
        Checks.checkKey(key, sealer.config);
        if (next != null) {
            Checks.checkValue(next, sealer.config);
        }
        byte[] exp = expected == null ? null : expected.clone();
        sealer.metrics.read();
        boolean swapped;
        Leases.Epoch lease = sealer.leases.enterOp();
        try {
            byte[] sealedNext = next == null ? null : sealer.seal(keyspace, key, next);
            if (exp == null) {
                swapped = space.compareAndSet(key, null, sealedNext);
            } else {
                for (;;) {
                    byte[] current = space.get(key);
                    if (current == null || !Arrays.equals(sealer.open(keyspace, key, current), exp)) {
                        swapped = false;
                        break;
                    }
                    if (space.compareAndSet(key, current, sealedNext)) {
                        swapped = true;
                        break;
                    }
                }
            }
        } finally {
            sealer.leases.exitOp(lease);
        }
        if (swapped) {
            if (next == null) {
                sealer.metrics.delete();
            } else {
                sealer.metrics.write();
            }
        }
        return swapped;
    }

    @Override
    public boolean expire(byte[] key, Duration ttl) {
        life.ensureWritable();
        return space.expire(key, ttl);
    }

    @Override
    public boolean persist(byte[] key) {
        life.ensureWritable();
        return space.persist(key);
    }

    /**
     * Watches the inner keyspace and opens each event's value on the dispatcher thread, so
     * listeners see plaintext. An event whose value fails authentication is logged and dropped.
     */
    @Override
    public Watch watch(byte[] prefix, WatchListener listener) {
        life.ensureOpen();
        if (listener == null) {
            throw new InvalidArgumentException("watch listener is null");
        }
        return space.watch(prefix, event -> {
            byte[] value;
            try {
                value = sealer.open(event.keyspace(), event.key(), event.value());
            } catch (CorruptionException e) {
                LOG.log(System.Logger.Level.WARNING, "dropping a watch event whose value does not authenticate", e);
                return;
            }
            listener.onEvent(new WatchEvent(event.keyspace(), event.key(), value, event.type()));
        });
    }

    @Override
    public String toString() {
        return "EncryptedKeyspace[" + keyspace + "]";
    }
}
