package dev.oxistore.encrypt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 in the middle of a re-key, on a persistent store: a child JVM re-keys a BTREE store in
 * chunks and is killed with SIGKILL after a random number of acknowledged chunks; after each kill
 * the store opens, every value reads back exactly (under version 1 or 2, both in the keyring),
 * every acknowledged chunk is under version 2, and the next round resumes. Finally a re-key in
 * this JVM finishes, version 1 is retired, and the store opens with version 2 alone.
 */
class RekeyCrashTest {

    static final Keyring BOTH_KEYS = Keyring.builder()
            .add(1, KeySource.raw(EncryptedStores.KEY_1))
            .add(2, KeySource.raw(EncryptedStores.KEY_2))
            .build();
    private static final List<String> SPACES = List.of("default", "tokens");
    private static final int PER_SPACE = 1_500;
    private static final int CHUNK = 10;

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private EncryptedKvStore open(Keyring ring) {
        KvStore inner = EncryptedStores.engine(EngineKind.BTREE).open(dir, EncryptedKvStore.innerConfig(StoreConfig.defaults()));
        return EncryptedKvStore.wrap(inner, ring);
    }

    private void assertEveryValue(EncryptedKvStore store, String where) {
        for (String space : SPACES) {
            for (int i = 0; i < PER_SPACE; i++) {
                assertThat(store.keyspace(space).get(b("key-" + i))).as("%s: %s key-%d", where, space, i)
                        .isEqualTo(b(space + "-value-" + i));
            }
        }
        assertThat(store.keyspace("default").ttl(b("key-0"))).as(where + ": expiry kept").isPresent();
        assertThat(store.checkIntegrity().problems()).as(where).isEmpty();
    }

    @Test
    void aKilledRekeyLeavesEveryValueReadableAndResumes() throws Exception {
        try (EncryptedKvStore store = open(EncryptedStores.KEYRING)) {
            for (String space : SPACES) {
                for (int start = 0; start < PER_SPACE; start += 100) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = start; i < start + 100; i++) {
                        if (i % 10 == 0) {
                            batch.put(space, b("key-" + i), b(space + "-value-" + i), Duration.ofHours(1));
                        } else {
                            batch.put(space, b("key-" + i), b(space + "-value-" + i));
                        }
                    }
                    store.write(batch);
                }
            }
            store.rotate(2, KeySource.raw(EncryptedStores.KEY_2));
        }
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        long underTwo = 0;
        int kills = 0;
        for (int round = 0; round < 3; round++) {
            int killAfter = 1 + random.nextInt(60);
            long acked = runChildUntil(killAfter);
            String where = "seed " + seed + ", round " + round + ", killed after " + acked + " re-wrapped";
            if (acked < 0) {
                break; // the child finished before the kill: nothing left to interrupt
            }
            kills++;
            try (EncryptedKvStore store = open(BOTH_KEYS)) {
                assertEveryValue(store, where);
                Map<Integer, Long> usage = store.keyUsage();
                assertThat(usage.getOrDefault(2, 0L)).as(where + ": every acknowledged chunk is durable")
                        .isGreaterThanOrEqualTo(underTwo + acked);
                assertThat(usage.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * PER_SPACE);
                underTwo = usage.getOrDefault(2, 0L);
            }
        }
        assertThat(kills).as("seed " + seed + ": at least the first child is killed mid-way").isPositive();
        try (EncryptedKvStore store = open(BOTH_KEYS)) {
            RekeyResult rest = store.rekey();
            assertThat(rest.rewrapped()).isEqualTo(2L * PER_SPACE - underTwo);
            assertThat(store.keyUsage()).isEqualTo(Map.of(2, 2L * PER_SPACE));
            store.retire(1);
        }
        try (EncryptedKvStore store = open(Keyring.of(2, KeySource.raw(EncryptedStores.KEY_2)))) {
            assertEveryValue(store, "after retiring version 1");
        }
    }

    /**
     * Runs the child until it acknowledges {@code chunks} chunks, then kills it with SIGKILL.
     *
     * @return the values re-wrapped by its last acknowledged chunk, or -1 when it finished first
     */
    private long runChildUntil(int chunks) throws IOException, InterruptedException {
        Process child = ChildJvm.command(List.of(), RekeyCrashChild.class, dir.toString(), Integer.toString(CHUNK))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long acked = 0;
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("DONE ")) {
                    acked = Long.parseLong(line.substring(5));
                    if (++seen >= chunks) {
                        child.destroyForcibly();
                        break;
                    }
                } else if (line.equals("FINISHED")) {
                    acked = -1;
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        }
        return acked;
    }
}
