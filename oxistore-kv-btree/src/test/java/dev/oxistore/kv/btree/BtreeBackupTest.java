package dev.oxistore.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.Durability;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.NotFoundException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.ManualClock;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online backup while writers continue, and restore with verification. */
class BtreeBackupTest {

    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    /** Each batch sets keys g0..g9 in two keyspaces to the same generation: a consistent copy has one generation. */
    @Test
    void aBackupTakenWhileWritersRunIsOneConsistentPointInTime() throws Exception {
        Path dir = tmp.resolve("store");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong generation = new AtomicLong();
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.builder().durability(Durability.FLUSH).build())) {
            for (int i = 0; i < 2_000; i++) {
                s.put(b("bulk" + i), b("x".repeat(100)));
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    long g = generation.incrementAndGet();
                    WriteBatch batch = new WriteBatch();
                    for (int k = 0; k < 10; k++) {
                        batch.put(b("g" + k), b(Long.toString(g)));
                        batch.put("other", b("g" + k), b(Long.toString(g)));
                    }
                    s.write(batch);
                }
            });
            while (generation.get() < 20) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 3; i++) {
                s.backup(tmp.resolve("backup" + i));
            }
            stop.set(true);
            writer.get(60, TimeUnit.SECONDS);
            assertThat(s.metrics().engine().get("btree.backups")).isEqualTo(3);
        }
        for (int i = 0; i < 3; i++) {
            try (KvStore copy = new BtreeEngine().open(tmp.resolve("backup" + i), StoreConfig.builder().readOnly(true).build())) {
                Set<String> generations = new HashSet<>();
                for (String ks : new String[] {"default", "other"}) {
                    for (int k = 0; k < 10; k++) {
                        generations.add(Bytes.utf8(copy.keyspace(ks).get(b("g" + k))));
                    }
                }
                assertThat(generations).as("backup %d holds one batch generation", i).hasSize(1);
                assertThat(copy.count()).isEqualTo(2_010);
                assertThat(copy.checkIntegrity().ok()).isTrue();
            }
        }
    }

    @Test
    void restoreVerifiesAndCopiesIntoANewPath() throws Exception {
        ManualClock clock = new ManualClock();
        Path dir = tmp.resolve("store");
        Path backup = tmp.resolve("backup");
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.builder().clock(clock).build())) {
            s.put(b("k"), b("v"));
            s.put(b("ttl"), b("v"), Duration.ofMinutes(10));
            s.keyspace("other").put(b("k"), b("w"));
            s.backup(backup);
            assertThatThrownBy(() -> s.backup(backup)).isInstanceOf(InvalidArgumentException.class);
            s.put(b("after"), b("not in the backup"));
        }
        Path restored = tmp.resolve("restored");
        new BtreeEngine().restore(backup, restored);
        try (KvStore s = new BtreeEngine().open(restored, StoreConfig.builder().clock(clock).build())) {
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
            assertThat(s.get(b("after"))).isNull();
            assertThat(s.keyspace("other").get(b("k"))).isEqualTo(b("w"));
            assertThat(s.ttl(b("ttl"))).hasValue(Duration.ofMinutes(10));
            clock.advance(Duration.ofMinutes(11));
            assertThat(s.get(b("ttl"))).as("expiry survives backup and restore").isNull();
            s.put(b("new"), b("writable"));
            try (KvCursor c = s.scan(KeyRange.all())) {
                assertThat(c.stream().count()).isEqualTo(2);
            }
        }
        assertThatThrownBy(() -> new BtreeEngine().restore(backup, restored)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new BtreeEngine().restore(tmp.resolve("nothing"), tmp.resolve("r2"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDamagedBackupIsNotRestored() throws Exception {
        Path dir = tmp.resolve("store");
        Path backup = tmp.resolve("backup");
        try (KvStore s = new BtreeEngine().open(dir, StoreConfig.defaults())) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 3_000; i++) {
                batch.put(b(String.format("key%05d", i)), b("value-" + i + "-".repeat(50)));
            }
            s.write(batch);
            s.backup(backup);
        }
        // damage every 512th byte past the file header: some page is surely hit
        Path file = backup.resolve(StoreDir.DATA);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (long pos = 8192 + 300; pos < raf.length() - 300; pos += 512) {
                raf.seek(pos);
                int v = raf.read();
                raf.seek(pos);
                raf.write(v ^ 0x41);
            }
        }
        Path target = tmp.resolve("restored");
        assertThatThrownBy(() -> new BtreeEngine().restore(backup, target)).isInstanceOf(CorruptionException.class);
        assertThat(Files.exists(target)).isFalse();
    }
}
