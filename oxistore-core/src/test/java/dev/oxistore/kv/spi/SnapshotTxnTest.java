package dev.oxistore.kv.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTxnTest {

    private final StoreConfig config = StoreConfig.defaults();
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final Lifecycle store = Lifecycle.root("store closed", false);

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static List<String> keys(KvCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            c.forEachRemaining((KvEntry e) -> out.add(Bytes.utf8(e.key())));
        }
        return out;
    }

    @Test
    void readsMergeOwnWritesOverTheBaseInGetScanAndCount() {
        MapView base = new MapView();
        base.space("default").put(b("a"), b("1"));
        base.space("default").put(b("b"), b("2"));
        SnapshotTxn txn = new SnapshotTxn(base, config, metrics, store);
        txn.put(b("c"), b("3"));
        txn.delete(b("a"));
        txn.keyspace("other").put(b("x"), b("y"));
        assertThat(txn.get(b("a"))).isNull();
        assertThat(txn.get(b("c"))).isEqualTo(b("3"));
        assertThat(txn.count()).isEqualTo(2);
        assertThat(keys(txn.scan(KeyRange.all()))).containsExactly("b", "c");
        assertThat(keys(txn.scan(KeyRange.all().reversed()))).containsExactly("c", "b");
        assertThat(txn.keyspace("other").get(b("x"))).isEqualTo(b("y"));
        assertThat(txn.ttl(b("c"))).isEmpty();
        txn.put(b("t"), b("v"), Duration.ofSeconds(5));
        assertThat(txn.ttl(b("t"))).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(base.space("default").get(b("c"))).as("nothing reaches the base before commit").isNull();
    }

    @Test
    void commitHandsTheWritesToTheBaseOnceAndEndsTheTransaction() {
        MapView base = new MapView();
        SnapshotTxn txn = new SnapshotTxn(base, config, metrics, store);
        txn.put(b("k"), b("v"));
        txn.commit();
        assertThat(base.space("default").get(b("k"))).isEqualTo(b("v"));
        assertThat(base.releases).isEqualTo(1);
        assertThat(metrics.snapshot().commits()).isEqualTo(1);
        assertThatThrownBy(() -> txn.get(b("k"))).isInstanceOf(StoreClosedException.class).hasMessageContaining("committed");
        assertThatThrownBy(txn::commit).isInstanceOf(StoreClosedException.class);
        assertThatCode(txn::close).doesNotThrowAnyException();
        assertThat(base.releases).isEqualTo(1);
    }

    @Test
    void aConflictEndsTheTransactionAndIsCounted() {
        MapView base = new MapView() {
            @Override
            public void commit(TxnWriteSet writes) {
                throw new TxnConflictException("conflict");
            }
        };
        SnapshotTxn txn = new SnapshotTxn(base, config, metrics, store);
        txn.put(b("k"), b("v"));
        assertThatThrownBy(txn::commit).isInstanceOf(TxnConflictException.class);
        assertThat(metrics.snapshot().conflicts()).isEqualTo(1);
        assertThat(base.releases).isEqualTo(1);
        assertThatThrownBy(() -> txn.put(b("k"), b("v"))).isInstanceOf(StoreClosedException.class);
    }

    @Test
    void closeRollsBackAndClosingTheStoreEndsTheTransaction() {
        MapView base = new MapView();
        SnapshotTxn txn = new SnapshotTxn(base, config, metrics, store);
        txn.put(b("k"), b("v"));
        txn.close();
        assertThat(base.committed).isNull();
        assertThat(base.releases).isEqualTo(1);

        SnapshotTxn other = new SnapshotTxn(base, config, metrics, store);
        store.close();
        assertThatThrownBy(() -> other.get(b("k"))).isInstanceOf(StoreClosedException.class).hasMessage("store closed");
        assertThatCode(other::close).doesNotThrowAnyException();
    }

    @Test
    void aReadOnlyStoreRefusesBufferedWrites() {
        SnapshotTxn txn = new SnapshotTxn(new MapView(), config, metrics, Lifecycle.root("closed", true));
        assertThatThrownBy(() -> txn.put(b("k"), b("v"))).isInstanceOf(ReadOnlyStoreException.class);
        assertThatThrownBy(() -> txn.delete(b("k"))).isInstanceOf(ReadOnlyStoreException.class);
        assertThat(txn.get(b("k"))).isNull();
    }
}
