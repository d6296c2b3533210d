package dev.oxistore.encrypt;

import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.Lifecycle;

/**
 * A snapshot of an {@link EncryptedKvStore}: the inner store's point-in-time view, with values
 * opened as they are read. Holds a lease until closed.
 */
final class EncryptedSnapshot extends OpeningReader implements KvSnapshot {

    private final KvSnapshot inner;
    private final Leases.Epoch lease;

    EncryptedSnapshot(KvSnapshot inner, Sealer sealer, Leases.Epoch lease) {
        this(inner, sealer, sealer.life.child("the snapshot is closed: take a new one with KvStore.snapshot()"), lease);
    }

    private EncryptedSnapshot(KvSnapshot inner, Sealer sealer, Lifecycle life, Leases.Epoch lease) {
        super(inner, KvStore.DEFAULT_KEYSPACE, sealer, life, false);
        this.inner = inner;
        this.lease = lease;
    }

    @Override
    public KvReader keyspace(String name) {
        life.ensureOpen();
        Checks.keyspaceName(name);
        Sealer.userKeyspace(name);
        return new OpeningReader(inner.keyspace(name), name, sealer, life, false);
    }

    @Override
    public void close() {
        if (life.close()) {
            try {
                inner.close();
            } finally {
                sealer.leases.exitView(lease);
            }
        }
    }
}
