package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.spi.Expiry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionChainTest {

    /** A chain with the given sequence numbers, newest first; value "v{seq}". */
    private static Version chain(long... seqs) {
        Version head = null;
        for (int i = seqs.length - 1; i >= 0; i--) {
            head = new Version(seqs[i], ("v" + seqs[i]).getBytes(), Expiry.NEVER, head);
        }
        return head;
    }

    private static List<Long> seqs(Version head) {
        List<Long> out = new ArrayList<>();
        for (Version v = head; v != null; v = v.next) {
            out.add(v.seq);
        }
        return out;
    }

    @Test
    void visibleAtFindsTheNewestVersionAtOrBelowTheSeq() {
        Version head = chain(9, 6, 3);
        assertThat(VersionChain.visibleAt(head, 10).seq).isEqualTo(9);
        assertThat(VersionChain.visibleAt(head, 9).seq).isEqualTo(9);
        assertThat(VersionChain.visibleAt(head, 8).seq).isEqualTo(6);
        assertThat(VersionChain.visibleAt(head, 3).seq).isEqualTo(3);
        assertThat(VersionChain.visibleAt(head, 2)).isNull();
        assertThat(VersionChain.visibleAt(null, 5)).isNull();
    }

    private static PinRegistry.PinSet pins(long visible, long... seqs) {
        return seqs.length == 0 ? PinRegistry.PinSet.none(visible) : new PinRegistry.PinSet(seqs, Math.min(seqs[0], visible));
    }

    @Test
    void withoutPinsOnlyTheNewestVersionStays() {
        Version head = chain(9, 6, 3, 1);
        assertThat(VersionChain.prune(head, pins(9))).isEqualTo(3);
        assertThat(seqs(head)).containsExactly(9L);
        assertThat(VersionChain.prune(head, pins(9))).isZero();
    }

    @Test
    void aVersionStaysExactlyWhileAPinFallsInItsRange() {
        // ranges: 12 -> [12, inf), 9 -> [9, 12), 6 -> [6, 9), 3 -> [3, 6), 1 -> [1, 3)
        Version head = chain(12, 9, 6, 3, 1);
        assertThat(VersionChain.prune(head, pins(12, 4, 7, 8))).isEqualTo(2);
        assertThat(seqs(head)).containsExactly(12L, 6L, 3L);
        for (long pin : new long[]{4, 7, 8}) {
            assertThat(VersionChain.visibleAt(head, pin).seq).as("pin %d", pin).isEqualTo(pin >= 6 ? 6 : 3);
        }
        assertThat(VersionChain.prune(head, pins(12, 5))).isEqualTo(1);
        assertThat(seqs(head)).containsExactly(12L, 3L);
    }

    @Test
    void aReaderStandingOnAnUnlinkedVersionStillReachesItsVersion() {
        Version head = chain(12, 9, 6, 3);
        Version standing = head.next; // a reader pinned at 4 that has just read version 9
        assertThat(VersionChain.prune(head, pins(12, 4))).isEqualTo(2);
        assertThat(seqs(head)).containsExactly(12L, 3L);
        assertThat(VersionChain.visibleAt(standing, 4).seq).isEqualTo(3);
    }

    @Test
    void pinsAtOrAboveTheHeadNeedOnlyTheHead() {
        Version head = chain(9, 6);
        assertThat(VersionChain.prune(head, pins(9, 9))).isEqualTo(1);
        assertThat(seqs(head)).containsExactly(9L);
    }

    @Test
    void aPinSetFindsPinsInHalfOpenRanges() {
        PinRegistry.PinSet p = pins(20, 3, 7, 7, 15);
        assertThat(p.anyIn(3, 4)).isTrue();
        assertThat(p.anyIn(4, 7)).isFalse();
        assertThat(p.anyIn(4, 8)).isTrue();
        assertThat(p.anyIn(16, 100)).isFalse();
        assertThat(p.horizon()).isEqualTo(3);
        assertThat(pins(20).anyIn(0, Long.MAX_VALUE)).isFalse();
        assertThat(pins(20).horizon()).isEqualTo(20);
    }

    @Test
    void aLoneTombstoneAtOrBelowTheHorizonIsReclaimable() {
        Version tomb = new Version(5, null, Expiry.NEVER, null);
        assertThat(VersionChain.isReclaimable(tomb, 5)).isTrue();
        assertThat(VersionChain.isReclaimable(tomb, 4)).isFalse();
        assertThat(VersionChain.isReclaimable(new Version(5, null, Expiry.NEVER, chain(3)), 5)).isFalse();
        assertThat(VersionChain.isReclaimable(chain(5), 9)).isFalse();
    }

    @Test
    void verifyReportsDisorderAndFutureVersions() {
        List<String> problems = new ArrayList<>();
        assertThat(VersionChain.verify("k", chain(9, 6, 3), 9, problems)).isEqualTo(3);
        assertThat(problems).isEmpty();
        VersionChain.verify("k", chain(6, 9), 9, problems);
        assertThat(problems).hasSize(1).first().asString().contains("not below");
        problems.clear();
        VersionChain.verify("k", chain(12), 9, problems);
        assertThat(problems).hasSize(1).first().asString().contains("above the last committed");
    }
}
