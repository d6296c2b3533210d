package dev.oxistore.cache.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a write-back child (over BTREE, SYNC) with SIGKILL at a random moment and checks the
 * documented loss bound on the reopened store: what survives is exactly a prefix of the
 * acknowledged writes, and the writes lost cover at most {@code maxDirtyEntries} keys.
 */
class WriteBackCrashTest {
    private static final int MAX_DIRTY = 16;

    @Test
    void aCrashLosesAtMostTheDirtySetAndKeepsAPrefix(@TempDir Path tmp) throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int rounds = 3 * Integer.getInteger("oxistore.soak", 1);
        for (int round = 0; round < rounds; round++) {
            Path dir = tmp.resolve("round" + round);
            long acked = runAndKill(dir, 100 + random.nextInt(600));
            try (KvStore store = CachedStores.engine(EngineKind.BTREE).open(dir, StoreConfig.defaults())) {
                byte[] lastBytes = store.get(WriteBackCrashChild.LAST);
                long last = lastBytes == null ? 0 : ByteBuffer.wrap(lastBytes).getLong();
                long present = 0;
                while (store.get(WriteBackCrashChild.key(present + 1)) != null) {
                    present++;
                }
                System.out.printf("write-back crash round %d: %d acknowledged, %d survived (lost %d)%n",
                        round, acked, present, Math.max(0, acked - present));
                String where = "seed " + seed + ", round " + round + ": acked " + acked + ", last " + last + ", keys 1.." + present;
                assertThat(store.count()).as("no key beyond the prefix (%s)", where).isEqualTo(present + (lastBytes == null ? 0 : 1));
                assertThat(present).as("the state after a prefix of the writes (%s)", where).isBetween(last, last + 1);
                assertThat(acked - present).as("lost writes within maxDirtyEntries (%s)", where).isLessThanOrEqualTo(MAX_DIRTY);
                for (long i = 1; i <= present; i++) {
                    assertThat(store.get(WriteBackCrashChild.key(i))).isEqualTo(WriteBackCrashChild.value(i));
                }
            }
        }
    }

    /** Starts the child, waits {@code killAfterMillis} after READY, kills it, returns the last ACK it printed. */
    private static long runAndKill(Path dir, int killAfterMillis) throws Exception {
        Process child = ChildJvm.command(List.of(), WriteBackCrashChild.class, dir.toString(), Integer.toString(MAX_DIRTY))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicLong acked = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                        acked.set(Long.parseLong(line.substring(4)));
                    }
                }
            } catch (Exception e) {
                // the child died mid-line: what was read counts
            }
        });
        reader.start();
        try {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child became ready").isTrue();
            Thread.sleep(killAfterMillis);
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
        }
        assertThat(acked.get()).as("the child acknowledged writes before it was killed").isPositive();
        return acked.get();
    }
}
