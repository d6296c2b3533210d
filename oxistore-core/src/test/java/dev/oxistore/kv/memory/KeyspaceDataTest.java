package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.spi.Expiry;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Unpinned reads racing a commit, and the bookkeeping of apply and prune, step by step. */
class KeyspaceDataTest {

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    /** A visible sequence number that moves as scripted, one value per read. */
    private static java.util.function.LongSupplier script(long... values) {
        PrimitiveIterator.OfLong it = LongStream.of(values).iterator();
        return () -> it.nextLong();
    }

    @Test
    void aReadDuringACommitSeesTheVersionBelowTheUnpublishedHead() {
        KeyspaceData d = new KeyspaceData("ks");
        d.apply(b("k"), b("old"), Expiry.NEVER, 3);
        d.apply(b("k"), b("new"), Expiry.NEVER, 4); // applied, not yet visible
        assertThat(d.latest(b("k"), script(3, 3)).value).isEqualTo(b("old"));
        d.apply(b("born"), b("v"), Expiry.NEVER, 4);
        assertThat(d.latest(b("born"), script(3, 3))).as("a key born in an unpublished commit").isNull();
        assertThat(d.latest(b("k"), script(4)).value).isEqualTo(b("new"));
    }

    @Test
    void aReadThatRacesAPublishAndPruneStartsAgain() {
        KeyspaceData d = new KeyspaceData("ks");
        d.apply(b("k"), b("old"), Expiry.NEVER, 3);
        d.apply(b("k"), b("new"), Expiry.NEVER, 4);
        d.prune(b("k"), PinRegistry.PinSet.none(4)); // published and pruned: "old" is unlinked
        // the reader saw visible = 3 before the publish, and 4 when it re-checked
        assertThat(d.latest(b("k"), script(3, 4, 4)).value).isEqualTo(b("new"));
    }

    @Test
    void applyKeepsCountsAndTheIndexAndSkipsUselessTombstones() {
        KeyspaceData d = new KeyspaceData("ks");
        assertThat(d.apply(b("k"), null, Expiry.NEVER, 1)).as("delete of an absent key").isFalse();
        assertThat(d.isListed()).isFalse();
        assertThat(d.apply(b("k"), b("v"), 100, 2)).isTrue();
        assertThat(d.isListed()).isTrue();
        assertThat(d.count(50)).isEqualTo(1);
        assertThat(d.count(100)).isZero();
        assertThat(d.apply(b("k"), null, Expiry.NEVER, 3)).isTrue();
        assertThat(d.apply(b("k"), null, Expiry.NEVER, 4)).as("delete of a deleted key").isFalse();
        assertThat(d.count(50)).isZero();
        assertThat(d.expiries.isEmpty()).isTrue();
        assertThat(d.versions()).isEqualTo(2);
        d.prune(b("k"), PinRegistry.PinSet.none(4));
        assertThat(d.map).isEmpty();
        assertThat(d.versions()).isZero();
    }

    @Test
    void aTombstoneNewerThanAPinStaysForConflictDetection() {
        KeyspaceData d = new KeyspaceData("ks");
        d.apply(b("k"), b("v"), Expiry.NEVER, 5);
        d.apply(b("k"), null, Expiry.NEVER, 6);
        d.prune(b("k"), new PinRegistry.PinSet(new long[]{2}, 2)); // a transaction began at 2
        assertThat(d.map.get(b("k")).seq).isEqualTo(6);
        assertThat(d.versions()).isEqualTo(1);
        d.prune(b("k"), PinRegistry.PinSet.none(6));
        assertThat(d.map).isEmpty();
    }
}
