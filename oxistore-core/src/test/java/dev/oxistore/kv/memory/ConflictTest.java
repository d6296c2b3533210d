package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** First-committer-wins detection against the version chains, including after reclamation. */
class ConflictTest {

    private final MemoryStore store = new MemoryStore(StoreConfig.defaults());

    @AfterEach
    void close() {
        assertThat(store.checkIntegrity().problems()).isEmpty();
        store.close();
    }

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    @Test
    void aKeyWrittenAfterTheStartFailsTheCommitAndNothingIsApplied() {
        KvTxn txn = store.begin();
        txn.put(b("x"), b("mine"));
        txn.keyspace("other").put(b("y"), b("mine"));
        store.keyspace("other").put(b("y"), b("theirs"));
        assertThatThrownBy(txn::commit).isInstanceOf(TxnConflictException.class)
                .hasMessageContaining(Bytes.hex(b("y"))).hasMessageContaining("other");
        assertThat(store.get(b("x"))).isNull();
        assertThat(store.keyspace("other").get(b("y"))).isEqualTo(b("theirs"));
        assertThat(store.metrics().conflicts()).isEqualTo(1);
        assertThat(store.pinCount()).isZero();
    }

    @Test
    void aKeyCreatedAndDeletedAfterTheStartStillConflicts() {
        KvTxn txn = store.begin();
        txn.put(b("k"), b("mine"));
        store.put(b("k"), b("theirs"));
        store.delete(b("k"));
        store.compact(); // the tombstone is newer than the transaction's pin, so it stays
        assertThatThrownBy(txn::commit).isInstanceOf(TxnConflictException.class);
    }

    @Test
    void writesBeforeTheStartAndReadsDoNotConflict() {
        store.put(b("k"), b("old"));
        KvTxn txn = store.begin();
        assertThat(txn.get(b("shared"))).isNull();
        store.put(b("shared"), b("theirs")); // read, not written, by txn
        txn.put(b("k"), b("mine"));
        txn.commit();
        assertThat(store.get(b("k"))).isEqualTo(b("mine"));
    }

    @Test
    void aBatchIsAWriteLikeAnyOther() {
        KvTxn txn = store.begin();
        txn.delete(b("k"));
        store.write(new WriteBatch().put(b("k"), b("batch")));
        assertThatThrownBy(txn::commit).isInstanceOf(TxnConflictException.class);
        assertThat(store.get(b("k"))).isEqualTo(b("batch"));
    }

    @Test
    void ofTwoOverlappingTransactionsTheFirstToCommitWins() {
        KvTxn first = store.begin();
        KvTxn second = store.begin();
        second.put(b("k"), b("second"));
        first.put(b("k"), b("first"));
        second.commit();
        assertThatThrownBy(first::commit).isInstanceOf(TxnConflictException.class);
        assertThat(store.get(b("k"))).isEqualTo(b("second"));
    }

    @Test
    void aCommittedTransactionIsOneCommitForSnapshots() {
        store.put(b("a"), b("0"));
        store.put(b("b"), b("0"));
        KvSnapshot before;
        try (KvTxn txn = store.begin()) {
            txn.put(b("a"), b("1"));
            txn.put(b("b"), b("1"));
            before = store.snapshot();
            txn.commit();
        }
        try (KvSnapshot snap = before; KvSnapshot after = store.snapshot()) {
            assertThat(snap.getAll(java.util.List.of(b("a"), b("b")))).containsExactly(b("0"), b("0"));
            assertThat(after.getAll(java.util.List.of(b("a"), b("b")))).containsExactly(b("1"), b("1"));
        }
    }
}
