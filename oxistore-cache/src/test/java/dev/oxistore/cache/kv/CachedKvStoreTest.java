package dev.oxistore.cache.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.cache.Policy;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the cache adds to the store contract: hits, invalidation, expiry, write-back buffering. */
class CachedKvStoreTest {
    private final ManualClock clock = new ManualClock();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private KvStore memory() {
        return CachedStores.engine(EngineKind.MEMORY).openInMemory(StoreConfig.builder().clock(clock).build());
    }

    private CachedKvStore cached(WriteMode mode) {
        return CachedKvStore.builder(memory()).mode(mode).policy(Policy.LRU).maximumEntries(100)
                .flushInterval(Duration.ofHours(1)).build();
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void aSecondReadIsACacheHit(WriteMode mode) {
        try (CachedKvStore s = cached(mode)) {
            s.unwrap().put(b("k"), b("v")); // behind the cache's back, before it ever saw the key
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
            assertThat(s.cacheStats().hits()).isEqualTo(1);
            assertThat(s.cacheStats().misses()).isEqualTo(1);
            assertThat(s.metrics().reads()).isEqualTo(2);
            assertThat(s.metrics().engine()).containsEntry("cache.hits", 1L);
        }
    }

    @Test
    void writeThroughPopulatesTheCacheAndReadThroughDropsTheKey() {
        try (CachedKvStore wt = cached(WriteMode.WRITE_THROUGH); CachedKvStore rt = cached(WriteMode.READ_THROUGH)) {
            wt.put(b("k"), b("v"));
            rt.put(b("k"), b("v"));
            wt.get(b("k"));
            rt.get(b("k"));
            assertThat(wt.cacheStats().hits()).isEqualTo(1);
            assertThat(rt.cacheStats().hits()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void aCachedAbsenceIsForgottenWhenTheKeyIsWritten(WriteMode mode) {
        try (CachedKvStore s = cached(mode)) {
            assertThat(s.get(b("k"))).isNull();
            assertThat(s.contains(b("k"))).isFalse();
            assertThat(s.cacheStats().hits()).as("the absence was cached").isEqualTo(1);
            s.put(b("k"), b("v"));
            assertThat(s.get(b("k"))).isEqualTo(b("v"));
            s.write(new WriteBatch().delete(b("k")));
            assertThat(s.get(b("k"))).isNull();
            assertThat(s.compareAndSet(b("k"), null, b("w"))).isTrue();
            assertThat(s.get(b("k"))).isEqualTo(b("w"));
            s.inTransaction(t -> {
                t.put(b("k"), b("x"));
                return null;
            });
            assertThat(s.get(b("k"))).isEqualTo(b("x"));
        }
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void anExpiredKeyIsNeverServedFromTheCache(WriteMode mode) {
        try (CachedKvStore s = cached(mode)) {
            s.put(b("put"), b("v"), Duration.ofSeconds(10));
            s.put(b("expire"), b("v"));
            s.unwrap().put(b("loaded"), b("v"), Duration.ofSeconds(10));
            assertThat(s.get(b("put"))).isNotNull();
            assertThat(s.get(b("expire"))).isNotNull();
            assertThat(s.get(b("loaded"))).isNotNull();
            assertThat(s.expire(b("expire"), Duration.ofSeconds(10))).isTrue();
            assertThat(s.get(b("expire"))).isNotNull();
            clock.advance(Duration.ofMillis(9_999));
            assertThat(s.get(b("put"))).isNotNull();
            assertThat(s.get(b("loaded"))).isNotNull();
            clock.advance(Duration.ofMillis(1));
            assertThat(s.get(b("put"))).isNull();
            assertThat(s.get(b("expire"))).isNull();
            assertThat(s.get(b("loaded"))).isNull();
            assertThat(s.contains(b("put"))).isFalse();
        }
    }

    @Test
    void writeBackBuffersUntilFlushAndScansSeeBufferedWrites() {
        try (CachedKvStore s = cached(WriteMode.WRITE_BACK)) {
            s.put(b("a"), b("1"));
            s.put(b("b"), b("2"));
            s.delete(b("b"));
            assertThat(s.dirtyCount()).isEqualTo(2);
            assertThat(s.unwrap().get(b("a"))).as("not yet in the inner store").isNull();
            assertThat(s.get(b("a"))).isEqualTo(b("1"));
            assertThat(s.getAll(List.of(b("a"), b("b")))).containsExactly(b("1"), null);
            s.put(b("c"), b("3"));
            List<KvEntry> seen = new ArrayList<>();
            try (KvCursor c = s.scan(KeyRange.all())) {
                c.forEachRemaining(seen::add);
            }
            assertThat(seen).containsExactly(new KvEntry(b("a"), b("1")), new KvEntry(b("c"), b("3")));
            assertThat(s.dirtyCount()).isZero();
            s.put(b("a"), b("new"));
            s.flush();
            assertThat(s.unwrap().get(b("a"))).isEqualTo(b("new"));
            assertThat(s.get(b("a"))).as("never shadowed by the stale value the scan saw").isEqualTo(b("new"));
        }
    }

    @Test
    void theDirtySetNeverExceedsItsBound() {
        try (CachedKvStore s = CachedKvStore.builder(memory()).mode(WriteMode.WRITE_BACK).maxDirtyEntries(4)
                .flushInterval(Duration.ofHours(1)).build()) {
            for (int i = 0; i < 10; i++) {
                s.put(b("k" + i), b("v" + i));
                assertThat(s.dirtyCount()).isLessThanOrEqualTo(4);
            }
            assertThat(s.unwrap().count()).as("flushed when full").isGreaterThanOrEqualTo(6);
            s.put(b("k9"), b("again")); // an overwrite takes no new slot
            assertThat(s.dirtyCount()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aBufferedPutThatExpiresBeforeItsFlushCountsAsPurged() {
        try (CachedKvStore s = cached(WriteMode.WRITE_BACK)) {
            s.unwrap().put(b("k"), b("old"));
            s.put(b("k"), b("v"), Duration.ofSeconds(1));
            clock.advance(Duration.ofSeconds(2));
            assertThat(s.get(b("k"))).isNull();
            s.flush();
            assertThat(s.unwrap().get(b("k"))).as("the older value must not come back").isNull();
            assertThat(s.purgeExpired()).isEqualTo(1);
        }
    }

    @Test
    void closeFlushesEveryBufferedWrite(@TempDir Path dir) {
        KvStore inner = CachedStores.engine(EngineKind.BTREE).open(dir, StoreConfig.defaults());
        try (CachedKvStore s = CachedKvStore.builder(inner).mode(WriteMode.WRITE_BACK).flushInterval(Duration.ofHours(1)).build()) {
            for (int i = 0; i < 100; i++) {
                s.put(b("k" + i), b("v" + i));
            }
            s.delete(b("k7"));
        }
        try (KvStore reopened = CachedStores.engine(EngineKind.BTREE).open(dir, StoreConfig.defaults())) {
            assertThat(reopened.count()).isEqualTo(99);
            assertThat(reopened.get(b("k42"))).isEqualTo(b("v42"));
            assertThat(reopened.get(b("k7"))).isNull();
        }
    }

    @Test
    void aWatchSwitchesWriteBackToWriteThrough() {
        try (CachedKvStore s = cached(WriteMode.WRITE_BACK)) {
            s.put(b("before"), b("1"));
            try (var _ = s.watch(new byte[0], e -> { })) {
                assertThat(s.dirtyCount()).as("flushed when the watch opened").isZero();
                s.put(b("during"), b("2"));
                assertThat(s.dirtyCount()).isZero();
                assertThat(s.unwrap().get(b("during"))).isEqualTo(b("2"));
            }
            s.put(b("after"), b("3"));
            assertThat(s.dirtyCount()).isEqualTo(1);
        }
    }

    @Test
    void theBuilderRejectsBadOptions() {
        try (KvStore inner = memory()) {
            assertThatThrownBy(() -> CachedKvStore.builder(null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> CachedKvStore.builder(inner).maximumEntries(0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> CachedKvStore.builder(inner).maxDirtyEntries(0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> CachedKvStore.builder(inner).flushInterval(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> CachedKvStore.builder(inner).mode(null)).isInstanceOf(InvalidArgumentException.class);
        }
    }
}
