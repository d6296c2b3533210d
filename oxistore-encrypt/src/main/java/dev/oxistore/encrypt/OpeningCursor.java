package dev.oxistore.encrypt;

import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cursor over an inner cursor that opens each value as the caller advances, so a scan decrypts
 * only what it yields and never holds more than one entry. Releases its lease when closed.
 */
final class OpeningCursor implements KvCursor {

    private final KvCursor inner;
    private final String keyspace;
    private final Sealer sealer;
    private final Leases.Epoch lease; // null when the owning snapshot or transaction holds one
    private final AtomicBoolean closed = new AtomicBoolean();

    OpeningCursor(KvCursor inner, String keyspace, Sealer sealer, Leases.Epoch lease) {
        this.inner = inner;
        this.keyspace = keyspace;
        this.sealer = sealer;
        this.lease = lease;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KvEntry next() {
        KvEntry e = inner.next();
        return new KvEntry(e.key(), sealer.open(keyspace, e.key(), e.value()));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                inner.close();
            } finally {
                if (lease != null) {
                    sealer.leases.exitView(lease);
                }
            }
        }
    }
}
