package dev.oxistore.blob.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.blob.BlobMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during large writes: a child JVM overwrites one key with 24 MiB objects under SYNC and is
 * killed at a random moment; the reopened store must show a whole object (never a prefix or a mix)
 * that is the last acknowledged one or the one in flight, and recovery must leave no temporary or
 * orphaned data file. The store carries over between rounds.
 */
class LocalBlobStoreCrashTest {

    private static final int SIZE = 24 << 20;

    @TempDir
    Path temp;

    @Test
    void killDuringLargeWritesLeavesTheOldOrTheNewObjectWhole() throws Exception {
        long seed = Long.getLong("oxistore.seed", new Random().nextLong());
        Random random = new Random(seed);
        int rounds = 4 * Integer.getInteger("oxistore.soak", 1);
        Path root = temp.resolve("store");
        long next = 1;
        long lastAcked = -1;
        int killedMidWrite = 0;
        for (int round = 0; round < rounds; round++) {
            String where = "seed " + seed + " round " + round + " (replay with -Doxistore.seed=" + seed + ")";
            Process child = start(root, next);
            long inFlight = -1;
            // A reader thread keeps every line, including those printed just before the kill.
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the stream closes when the child dies
                } finally {
                    lines.add("EOF");
                }
            });
            List<String> seen = new ArrayList<>();
            try {
                // Let it acknowledge a random number of writes, then kill it a random moment into the next.
                int acksWanted = random.nextInt(3);
                int acks = 0;
                while (true) {
                    String line = lines.poll(2, TimeUnit.MINUTES);
                    if (line == null || line.equals("EOF")) {
                        throw new AssertionError(where + ": the child ended early: " + seen);
                    }
                    seen.add(line);
                    if (line.startsWith("ACK ")) {
                        acks++;
                    } else if (line.startsWith("START ") && acks >= acksWanted) {
                        Thread.sleep(random.nextInt(400));
                        break;
                    }
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on Unix
                child.waitFor(30, TimeUnit.SECONDS);
            }
            reader.join(30_000);
            lines.drainTo(seen);
            for (String line : seen) {
                if (line.startsWith("ACK ")) {
                    lastAcked = Long.parseLong(line.split(" ")[1]);
                } else if (line.startsWith("START ")) {
                    inFlight = Long.parseLong(line.substring(6));
                }
            }
            try (LocalBlobStore store = LocalBlobStore.open(root)) {
                Optional<BlobMetadata> head = store.head("big/object").join();
                if (lastAcked < 0) {
                    assertThat(head.map(BlobMetadata::size).orElse((long) SIZE)).as(where).isEqualTo(SIZE);
                } else {
                    assertThat(head).as(where + ": an acknowledged write is durable").isPresent();
                }
                if (head.isPresent()) {
                    byte[] content = store.get("big/object").join();
                    long found = Gen.seedOf(content);
                    assertThat(found).as(where + ": a whole object").isPositive();
                    assertThat(found).as(where + ": the last acknowledged or the one in flight")
                            .isIn(lastAcked, inFlight);
                    if (found == inFlight && found != lastAcked) {
                        lastAcked = found;
                    } else if (inFlight > lastAcked) {
                        killedMidWrite++;
                    }
                    // A plain put is one version file; a multipart object, a version file and two part files.
                    assertThat(dataFiles(root)).as(where + ": no orphaned data").isEqualTo(found % 2 == 0 ? 1 : 3);
                }
                try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
                    assertThat(s).as(where + ": tmp/ is emptied").isEmpty();
                }
            }
            next = Math.max(inFlight, lastAcked) + 1;
        }
        assertThat(next).as("the children wrote").isGreaterThan(1);
        System.out.println("crash test: seed " + seed + ", " + rounds + " rounds, " + killedMidWrite + " kills mid-write");
    }

    private static long dataFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root.resolve("objects"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".data") || p.getFileName().toString().endsWith(".obj")).count();
        }
    }

    private static Process start(Path root, long first) throws IOException {
        // Not ChildJvm: the testkit depends on this module, so its tests cannot use the testkit.
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "--illegal-native-access=deny", "--sun-misc-unsafe-memory-access=deny"));
        String surefire = System.getProperty("surefire.test.class.path");
        cmd.addAll(List.of("-cp", surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path")));
        cmd.addAll(List.of(CrashWriter.class.getName(), root.toString(), Long.toString(first), Integer.toString(SIZE)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
