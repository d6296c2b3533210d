package dev.oxistore.kv.lsm;

import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.MetricsRecorder;
import dev.oxistore.kv.spi.TimedValue;
import dev.oxistore.kv.spi.TxnBase;
import dev.oxistore.kv.spi.TxnWriteSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The store as of one pinned sequence number, across keyspaces: what snapshots read and what
 * transactions start from. Committing a transaction checks, under the commit lock, that no key
 * it writes has a version newer than the pin (and that no keyspace it writes was dropped or
 * recreated since), then applies its writes as one commit.
 */
final class LsmView implements TxnBase {

    private final Tree tree;
    private final Committer committer;
    private final MetricsRecorder metrics;
    private final Lifecycle storeLife;
    private final long seq;

    LsmView(Tree tree, Committer committer, MetricsRecorder metrics, Lifecycle storeLife, long seq) {
        this.tree = tree;
        this.committer = committer;
        this.metrics = metrics;
        this.storeLife = storeLife;
        this.seq = seq;
    }

    @Override
    public TimedValue read(String keyspace, byte[] key, long nowMillis) {
        Keyspaces.Info info = tree.keyspaces.at(keyspace, seq);
        return info == null ? null : tree.get(info.id(), key, seq, nowMillis);
    }

    @Override
    public KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle owner) {
        return new LsmCursor(tree, tree.acquire(), tree.keyspaces.at(keyspace, seq), range, seq, nowMillis, owner);
    }

    @Override
    public long count(String keyspace, long nowMillis) {
        return LsmCursor.count(tree, tree.acquire(), tree.keyspaces.at(keyspace, seq), seq, nowMillis, storeLife);
    }

    @Override
    public void commit(TxnWriteSet writes) {
        if (writes.isEmpty()) {
            return;
        }
        int[] counts = new int[2];
        committer.commit(c -> {
            List<Committer.Write> out = new ArrayList<>(writes.size());
            writes.forEach((ks, key, w) -> {
                Keyspaces.Info now = tree.keyspaces.live(ks);
                Keyspaces.Info then = tree.keyspaces.at(ks, seq);
                if (then != null && (now == null || now.id() != then.id())) {
                    throw new TxnConflictException("keyspace '" + ks + "' was dropped after this transaction began: "
                            + "run it again in a new transaction");
                }
                if (now != null && tree.latestSeq(now.id(), key) > seq) {
                    throw new TxnConflictException("another commit wrote a key of keyspace '" + ks
                            + "' that this transaction writes, after it began: run it again in a new transaction");
                }
                if (w.isDelete()) {
                    out.add(new Committer.Write(ks, InternalKey.DELETE, key, null, 0));
                    counts[1]++;
                } else {
                    out.add(new Committer.Write(ks, InternalKey.PUT, key, w.value(), w.expiresAt()));
                    counts[0]++;
                }
            });
            return out;
        }, false);
        metrics.writes(counts[0]);
        metrics.deletes(counts[1]);
    }

    @Override
    public void release() {
        tree.pins.release(seq);
    }
}
