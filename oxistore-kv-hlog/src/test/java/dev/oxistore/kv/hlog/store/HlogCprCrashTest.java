package dev.oxistore.kv.hlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.hlog.log.Records;
import dev.oxistore.testkit.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPR recovery in the spirit of FASTER's own tests: a child JVM runs sessions that never pause
 * while checkpoints are taken, it is killed with SIGKILL after a random number of checkpoints, and
 * recovery must give every session exactly its durable prefix: each operation up to the recovered
 * serial is present (the upserted keys and the counter's count) and nothing after it is. Rounds
 * continue the same sessions in the same directory.
 */
class HlogCprCrashTest {

    private static final int SESSIONS = 2;

    @TempDir
    Path dir;

    @Test
    void eachSessionRecoversExactlyItsDurablePrefix() throws Exception {
        long seed = Long.getLong("oxistore.seed", ThreadLocalRandom.current().nextLong());
        Random random = new Random(seed);
        int rounds = 4 * Integer.getInteger("oxistore.soak", 1);
        long lastVersion = 0;
        for (int round = 0; round < rounds; round++) {
            int waitFor = 1 + random.nextInt(5);
            Process child = ChildJvm.command(List.of("-Xmx256m"), CprChild.class, dir.toString(),
                    String.valueOf(SESSIONS), String.valueOf(random.nextLong())).redirectErrorStream(true).start();
            long printedVersion = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int seen = 0;
                String line;
                while (seen < waitFor && (line = out.readLine()) != null) {
                    if (line.startsWith("CKPT ")) {
                        seen++;
                        printedVersion = Long.parseLong(line.split(" ")[1]);
                    } else if (!line.equals("READY")) {
                        System.out.println("child: " + line);
                    }
                }
                assertThat(seen).as("seed %d round %d: checkpoints the child completed", seed, round).isEqualTo(waitFor);
                Thread.sleep(random.nextInt(15));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            lastVersion = verify(seed, round, printedVersion, lastVersion);
        }
    }

    private long verify(long seed, int round, long printedVersion, long lastVersion) {
        try (HlogStore store = HlogStore.open(CprChild.options(dir))) {
            assertThat(store.recoveredVersion()).as("seed %d round %d: a completed checkpoint is never lost", seed, round)
                    .isGreaterThanOrEqualTo(printedVersion).isGreaterThan(lastVersion);
            try (Session s = store.newSession("verifier")) {
                for (int i = 0; i < SESSIONS; i++) {
                    long r = store.recoveredSerial("s" + i).orElseThrow();
                    assertThat(r).as("seed %d round %d: session %d made progress", seed, round, i).isPositive();
                    for (long n = 1; n <= r; n += 2) {
                        assertThat(s.get(CprChild.key(i, n))).as("seed %d round %d: s%d op %d of %d", seed, round, i, n, r)
                                .isEqualTo(n);
                    }
                    assertThat(s.get(CprChild.counter(i))).as("seed %d round %d: s%d counter at serial %d", seed, round, i, r)
                            .isEqualTo(r / 2);
                    int session = i;
                    long[] beyond = {0};
                    s.forEachLive((k, v) -> {
                        long key = Records.bigEndian(k, 0);
                        if (key >>> 40 == session && (key & ((1L << 40) - 1)) > r) {
                            beyond[0]++;
                        }
                    });
                    assertThat(beyond[0]).as("seed %d round %d: s%d operations after serial %d", seed, round, i, r).isZero();
                }
            }
            return store.recoveredVersion();
        }
    }
}
