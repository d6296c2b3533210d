package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The write-write conflict tracker's bookkeeping: what it remembers, and for how long. */
class ConflictTrackerTest {

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static View viewAt(long seq) {
        return new View(seq, Map.of(), null, null, null);
    }

    @Test
    void conflictsAreJudgedBySequenceNumber() {
        ConflictTracker t = new ConflictTracker();
        View start = t.begin(() -> viewAt(10));
        t.record("ks", b("a"), 9);
        t.record("ks", b("b"), 11);
        assertThat(t.conflict(start.seq, Map.of("ks", List.of(b("a"))))).isNull();
        assertThat(t.conflict(start.seq, Map.of("ks", List.of(b("b"))))).contains("was written by another commit");
        assertThat(t.conflict(start.seq, Map.of("other", List.of(b("b"))))).as("keyspaces are separate").isNull();
        t.recordDrop("ks", 12);
        assertThat(t.conflict(start.seq, Map.of("ks", List.of(b("a"))))).contains("dropped");
        t.end(start.seq);
    }

    @Test
    void whatNoTransactionCanConflictWithIsForgotten() {
        ConflictTracker t = new ConflictTracker();
        View start = t.begin(() -> viewAt(5));
        for (int i = 1; i <= 20; i++) {
            t.record("ks", b("k" + i), i);
        }
        t.prune(20);
        assertThat(t.remembered()).as("writes after the running transaction began are kept").isEqualTo(15);
        t.end(start.seq);
        t.prune(18);
        assertThat(t.remembered()).as("kept only what a transaction starting at the published view could miss").isEqualTo(2);
        t.prune(20);
        assertThat(t.remembered()).isZero();
    }

    @Test
    void tooManyWritesBehindALongTransactionFailItInsteadOfGrowingForever() {
        ConflictTracker t = new ConflictTracker(4);
        View start = t.begin(() -> viewAt(0));
        for (int i = 1; i <= 10; i++) {
            t.record("ks", b("k" + i), i);
        }
        t.prune(10);
        assertThat(t.remembered()).isEqualTo(4);
        assertThat(t.conflict(start.seq, Map.of("ks", List.of(b("untouched"))))).contains("more than 4 other writes");
        View later = t.begin(() -> viewAt(10));
        assertThat(t.conflict(later.seq, Map.of("ks", List.of(b("untouched"))))).isNull();
    }
}
