package dev.oxistore.kv.hlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreIOException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.hlog.checkpoint.CheckpointDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Durability.SYNC} and {@code FLUSH} through the adapter: a write that returned is in the
 * files, as a kill -9 right after it would find them (the directory is copied through the OS while
 * the store stays open, and the copy recovered), and concurrent writers share checkpoints. That
 * SYNC's checkpoints are fsynced and FLUSH's are not, and how recovery copes with a torn one, is
 * {@code UnsyncedCheckpointTest}'s.
 */
class HlogSyncDurabilityTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "FLUSH"})
    void everyWriteIsInTheFilesWhenItReturns(Durability durability) {
        Path store = dir.resolve("s");
        StoreConfig config = StoreConfig.builder().durability(durability).mergeOperator(MergeOperator.append()).build();
        try (KvStore s = new HlogEngine().open(store, config)) {
            s.put(Bytes.utf8("put"), Bytes.utf8("1"));
            try (KvStore copy = crashCopy(store, "c1")) {
                assertThat(copy.get(Bytes.utf8("put"))).isEqualTo(Bytes.utf8("1"));
            }

            s.put(Bytes.utf8("gone"), Bytes.utf8("x"));
            s.delete(Bytes.utf8("gone"));
            s.write(new WriteBatch().put(Bytes.utf8("b1"), Bytes.utf8("B1")).put(Bytes.utf8("b2"), Bytes.utf8("B2")));
            assertThat(s.compareAndSet(Bytes.utf8("put"), Bytes.utf8("1"), Bytes.utf8("2"))).isTrue();
            s.merge(Bytes.utf8("m"), Bytes.utf8("a"));
            s.merge(Bytes.utf8("m"), Bytes.utf8("b"));
            try (KvStore copy = crashCopy(store, "c2")) {
                assertThat(copy.get(Bytes.utf8("gone"))).isNull();
                assertThat(copy.get(Bytes.utf8("b1"))).isEqualTo(Bytes.utf8("B1"));
                assertThat(copy.get(Bytes.utf8("b2"))).isEqualTo(Bytes.utf8("B2"));
                assertThat(copy.get(Bytes.utf8("put"))).isEqualTo(Bytes.utf8("2"));
                assertThat(copy.get(Bytes.utf8("m"))).isEqualTo(Bytes.utf8("ab"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "FLUSH"})
    void onlySyncWritesFsyncTheirCheckpointButFlushAlwaysDoes(Durability durability) {
        Path store = dir.resolve("f");
        try (KvStore s = new HlogEngine().open(store, StoreConfig.builder().durability(durability).build())) {
            CheckpointDir checkpoints = new CheckpointDir(store);
            s.put(Bytes.utf8("k"), Bytes.utf8("v"));
            assertThat(checkpoints.read(checkpoints.newest().orElseThrow()).fsynced()).isEqualTo(durability == Durability.SYNC);
            s.flush();
            assertThat(checkpoints.read(checkpoints.newest().orElseThrow()).fsynced()).isTrue();
        }
    }

    @Test
    void noneWritesWaitForTheNextCheckpoint() {
        Path store = dir.resolve("n");
        try (KvStore s = new HlogEngine().open(store, StoreConfig.builder().durability(Durability.NONE).build())) {
            s.put(Bytes.utf8("k"), Bytes.utf8("v"));
            try (KvStore copy = crashCopy(store, "c1")) {
                assertThat(copy.get(Bytes.utf8("k"))).as("NONE is durable only at a checkpoint").isNull();
            }
            s.flush();
            try (KvStore copy = crashCopy(store, "c2")) {
                assertThat(copy.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "FLUSH"})
    void concurrentWritersShareCheckpointsThroughTheAdapter(Durability durability) throws Exception {
        Path store = dir.resolve("g");
        int writers = 6;
        try (HlogKvStore s = HlogKvStore.open(store, StoreConfig.builder().durability(durability).build())) {
            List<Thread> threads = new ArrayList<>();
            // holding the store's checkpoint monitor parks the first leader inside its checkpoint,
            // so every other writer applies its put and waits: one or two checkpoints cover them all
            synchronized (s.nativeStore()) {
                for (int i = 0; i < writers; i++) {
                    byte[] key = Bytes.utf8("w" + i);
                    threads.add(Thread.ofPlatform().start(() -> s.put(key, key)));
                }
                while (s.groupCommit().issued() < writers && threads.stream().anyMatch(Thread::isAlive)) {
                    Thread.sleep(1);
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(s.groupCommit().issued()).as("every write waited for a checkpoint").isEqualTo(writers);
            assertThat(s.groupCommit().groupCheckpoints()).as("checkpoints shared by %d writers", writers).isBetween(1L, 2L);
            try (KvStore copy = crashCopy(store, "c")) {
                for (int i = 0; i < writers; i++) {
                    assertThat(copy.get(Bytes.utf8("w" + i))).isEqualTo(Bytes.utf8("w" + i));
                }
            }
        }
    }

    @Test
    void concurrentSyncWritersShareOneCheckpoint() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit commits = new GroupCommit(() -> {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(release);
            }
        });
        int followers = 5;
        List<Thread> threads = new ArrayList<>();
        long first = commits.ticket();
        threads.add(Thread.ofPlatform().start(() -> commits.awaitDurable(first)));
        await(firstStarted); // the first writer leads a checkpoint that began before the others wrote
        for (int i = 0; i < followers; i++) {
            long t = commits.ticket();
            threads.add(Thread.ofPlatform().start(() -> commits.awaitDurable(t)));
        }
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(runs.get()).as("one checkpoint for the leader, one shared by all %d followers", followers).isEqualTo(2);
        assertThat(commits.groupCheckpoints()).isEqualTo(2);
    }

    @Test
    void aFailedCheckpointFailsTheWritesItHadToCover() {
        AtomicInteger runs = new AtomicInteger();
        GroupCommit commits = new GroupCommit(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new StoreIOException("disk full");
            }
        });
        long t = commits.ticket();
        assertThatThrownBy(() -> commits.awaitDurable(t)).isInstanceOf(StoreIOException.class)
                .hasMessageContaining("disk full").hasMessageContaining("could not be made durable");
        long next = commits.ticket();
        commits.awaitDurable(next); // a later checkpoint succeeds
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void aFlushCreditsWritesWaitingBeforeIt() {
        AtomicInteger runs = new AtomicInteger();
        GroupCommit commits = new GroupCommit(() -> {
            throw new AssertionError("the flush's checkpoint began after the write: no writers' checkpoint");
        });
        long t = commits.ticket();
        commits.checkpoint(runs::incrementAndGet);
        commits.awaitDurable(t);
        assertThat(runs.get()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** What a crash now would leave: a copy of the directory, opened (and recovered) elsewhere. */
    private KvStore crashCopy(Path store, String name) {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(store)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(store.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HlogEngine().open(copy, StoreConfig.builder().durability(Durability.NONE).build());
    }
}
