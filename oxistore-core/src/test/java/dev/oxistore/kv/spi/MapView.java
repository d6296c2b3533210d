package dev.oxistore.kv.spi;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A {@link TxnBase} over plain sorted maps (no expiry), recording commits, for tests of the shared helpers. */
class MapView implements TxnBase {

    final Map<String, TreeMap<byte[], byte[]>> spaces = new HashMap<>();
    TxnWriteSet committed;
    int releases;

    TreeMap<byte[], byte[]> space(String name) {
        return spaces.computeIfAbsent(name, k -> new TreeMap<>(Bytes.ORDER));
    }

    @Override
    public TimedValue read(String keyspace, byte[] key, long nowMillis) {
        byte[] v = space(keyspace).get(key);
        return v == null ? null : new TimedValue(v, Expiry.NEVER);
    }

    @Override
    public KvCursor scan(String keyspace, KeyRange range, long nowMillis, Lifecycle owner) {
        return ListCursor.of(space(keyspace), range);
    }

    @Override
    public long count(String keyspace, long nowMillis) {
        return space(keyspace).size();
    }

    @Override
    public void commit(TxnWriteSet writes) {
        committed = writes;
        writes.forEach((ks, key, w) -> {
            if (w.isDelete()) {
                space(ks).remove(key);
            } else {
                space(ks).put(key, w.value());
            }
        });
    }

    @Override
    public void release() {
        releases++;
    }
}
