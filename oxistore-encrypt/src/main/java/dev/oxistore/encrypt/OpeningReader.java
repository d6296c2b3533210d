package dev.oxistore.encrypt;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.spi.Lifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of one keyspace through an inner reader (a store keyspace, a snapshot or a transaction),
 * opening each value on the way out. Presence, counts and time to live need no decryption and pass
 * straight through. With {@code leased}, each read holds a lease of its own (store keyspaces);
 * otherwise the owning snapshot or transaction holds one for all its reads.
 */
class OpeningReader implements KvReader {

    final KvReader reader;
    final String keyspace;
    final Sealer sealer;
    final Lifecycle life;
    private final boolean leased;

    OpeningReader(KvReader reader, String keyspace, Sealer sealer, Lifecycle life, boolean leased) {
        this.reader = reader;
        this.keyspace = keyspace;
        this.sealer = sealer;
        this.life = life;
        this.leased = leased;
    }

    @Override
    public byte[] get(byte[] key) {
        life.ensureOpen();
        Leases.Epoch lease = leased ? sealer.leases.enterOp() : null;
        try {
            byte[] value = reader.get(key);
            sealer.metrics.read();
            return sealer.open(keyspace, key, value);
        } finally {
            if (lease != null) {
                sealer.leases.exitOp(lease);
            }
        }
    }

    @Override
    public boolean contains(byte[] key) {
        life.ensureOpen();
        boolean present = reader.contains(key);
        sealer.metrics.read();
        return present;
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        life.ensureOpen();
        if (keys == null) {
            throw new InvalidArgumentException("keys is null: pass a list of keys");
        }
        Leases.Epoch lease = leased ? sealer.leases.enterOp() : null;
        try {
            List<byte[]> values = reader.getAll(keys);
            sealer.metrics.reads(keys.size());
            List<byte[]> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                out.add(sealer.open(keyspace, keys.get(i), values.get(i)));
            }
            return out;
        } finally {
            if (lease != null) {
                sealer.leases.exitOp(lease);
            }
        }
    }

    @Override
    public KvCursor scan(KeyRange range) {
        life.ensureOpen();
        Leases.Epoch lease = leased ? sealer.leases.enterView() : null;
        try {
            KvCursor cursor = reader.scan(range);
            sealer.metrics.scan();
            return new OpeningCursor(cursor, keyspace, sealer, lease);
        } catch (RuntimeException | Error e) {
            if (lease != null) {
                sealer.leases.exitView(lease);
            }
            throw e;
        }
    }

    @Override
    public long count() {
        life.ensureOpen();
        return reader.count();
    }

    @Override
    public Optional<Duration> ttl(byte[] key) {
        life.ensureOpen();
        return reader.ttl(key);
    }
}
