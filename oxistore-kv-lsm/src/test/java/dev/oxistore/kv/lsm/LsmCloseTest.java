package dev.oxistore.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing while work is under way: an operation that slipped past the open check must fail,
 * not wait forever for background threads that are gone (the timeouts only turn a hang into a
 * failure; nothing is measured).
 */
class LsmCloseTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aReadThatRacesCloseFailsInsteadOfSpinning() {
        LsmStore s = LsmStore.open(dir, StoreConfig.defaults(), FileIo.DEFAULT);
        s.put(Bytes.utf8("k"), Bytes.utf8("v"));
        Tree tree = s.tree();
        s.close();
        // what a reader that passed the open check just before close() does next
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(tree::acquire).isInstanceOf(StoreClosedException.class));
    }

    @Test
    void aWriterThatWouldStallAfterTheBackgroundStoppedFails() throws Exception {
        StoreConfig config = StoreConfig.builder().durability(Durability.NONE)
                .engineOption("lsm.memtableSize", "4096").engineOption("lsm.maxImmutables", "1").build();
        LsmStore s = LsmStore.open(dir, config, FileIo.DEFAULT);
        try {
            s.background().stop(); // what close() does before it closes the log
            byte[] value = new byte[512];
            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) { // two memtables' worth: the second would wait for a flush
                    s.put(Bytes.utf8("k" + i), value);
                }
            }).isInstanceOf(StoreClosedException.class));
        } finally {
            assertTimeoutPreemptively(HANG, s::close, "close() after the background threads stopped");
        }
        try (KvStore r = new LsmEngine().open(dir, config)) {
            assertThat(r.count()).as("the writes before the refusal are in the log").isPositive();
        }
    }
}
