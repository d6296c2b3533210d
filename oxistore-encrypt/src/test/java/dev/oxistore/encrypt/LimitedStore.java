package dev.oxistore.encrypt;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.ForwardingKvStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * A store that forwards to another (see {@link ForwardingKvStore}) but lacks some capabilities
 * (transactions, keyspaces), to exercise the decorator's paths for engines that do not offer them.
 */
final class LimitedStore extends ForwardingKvStore {

    private final Set<Capability> capabilities;

    LimitedStore(KvStore delegate, Capability... without) {
        super(delegate);
        EnumSet<Capability> caps = EnumSet.copyOf(delegate.capabilities());
        for (Capability c : without) {
            caps.remove(c);
        }
        this.capabilities = Set.copyOf(caps);
    }

    private void require(Capability c) {
        if (!capabilities.contains(c)) {
            throw new UnsupportedFeatureException(c, "this test store has no " + c);
        }
    }

    @Override public Set<Capability> capabilities() { return capabilities; }
    @Override public KvTxn begin() { require(Capability.TRANSACTIONS); return delegate.begin(); }
    @Override public Keyspace keyspace(String name) {
        if (!DEFAULT_KEYSPACE.equals(name)) {
            require(Capability.KEYSPACES);
        }
        return delegate.keyspace(name);
    }
    @Override public Set<String> keyspaces() { return capabilities.contains(Capability.KEYSPACES) ? delegate.keyspaces() : Set.of(DEFAULT_KEYSPACE); }
    @Override public void write(WriteBatch batch) {
        if (batch != null && !capabilities.contains(Capability.KEYSPACES)
                && batch.ops().stream().anyMatch(op -> !op.keyspace().equals(DEFAULT_KEYSPACE))) {
            require(Capability.KEYSPACES);
        }
        delegate.write(batch);
    }
}
