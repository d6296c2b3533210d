package dev.oxistore.kv.memory;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.RangeViews;
import dev.oxistore.kv.spi.TimedValue;
import dev.oxistore.kv.spi.TxnBase;
import dev.oxistore.kv.spi.TxnWriteSet;
import java.util.Collections;

/**
 * The store as seen at one pinned sequence number: what a snapshot reads and what a transaction
 * reads and commits against. Copies nothing: every read walks the live chains to the newest
 * version at or below the pinned number, which reclamation keeps alive while the pin is held.
 */
final class MemoryView implements TxnBase {

    private final KeyspaceRegistry registry;
    private final Committer committer;
    private final PinRegistry.Pin pin;
    private final long seq;

    MemoryView(KeyspaceRegistry registry, Committer committer, PinRegistry.Pin pin) {
        this.registry = registry;
        this.committer = committer;
        this.pin = pin;
        this.seq = pin.seq();
    }

    private MemoryView(KeyspaceRegistry registry) {
        this.registry = registry;
        this.committer = null;
        this.pin = null;
        this.seq = Long.MAX_VALUE;
    }

    /** The newest state, for resolving merges under the commit lock (where nothing is in flight). */
    static MemoryView latest(KeyspaceRegistry registry) {
        return new MemoryView(registry);
    }

    long seq() {
        return seq;
    }

    @Override
    public TimedValue read(String keyspace, byte[] key, long nowMillis) {
        KeyspaceData space = registry.get(keyspace);
        if (space == null) {
            return null;
        }
        Version v = VersionChain.visibleAt(space.map.get(key), seq);
        return v != null && v.isLiveAt(nowMillis) ? new TimedValue(v.value, v.expiresAt) : null;
    }

    @Override
    public KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle owner) {
        KeyspaceData space = registry.get(keyspace);
        return new MemoryCursor(space == null ? Collections.emptyIterator()
                : RangeViews.slice(space.map, range).entrySet().iterator(), seq, nowMillis, owner, null);
    }

    @Override
    public long count(String keyspace, long nowMillis) {
        KeyspaceData space = registry.get(keyspace);
        return space == null ? 0 : space.countAt(seq, nowMillis);
    }

    @Override
    public void commit(TxnWriteSet writes) {
        committer.commitTxn(writes, seq);
    }

    @Override
    public void release() {
        committer.pins().release(pin);
    }
}
