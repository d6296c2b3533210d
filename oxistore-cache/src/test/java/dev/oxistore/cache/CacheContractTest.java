package dev.oxistore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of {@link Cache}, for every policy. */
class CacheContractTest {

    record Removal(String key, String value, RemovalCause cause) {
    }

    private final ManualClock clock = new ManualClock();
    private final List<Removal> removals = Collections.synchronizedList(new ArrayList<>());

    private CacheBuilder<String, String> builder(Policy policy) {
        return CacheBuilder.<String, String>newBuilder(policy).clock(clock)
                .removalListener((k, v, cause) -> removals.add(new Removal(k, v, cause)));
    }

    private Cache<String, String> bySize(Policy policy, int n) {
        CacheBuilder<String, String> b = builder(policy).maximumSize(n);
        return policy == Policy.W_TINYLFU ? b.build() : b.shards(1).build();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void putThenGetReturnsTheValueAndCountsHitsAndMisses(Policy policy) {
        Cache<String, String> c = bySize(policy, 10);
        assertThat(c.getIfPresent("a")).isNull();
        c.put("a", "1");
        assertThat(c.getIfPresent("a")).isEqualTo("1");
        c.put("a", "2");
        assertThat(c.getIfPresent("a")).isEqualTo("2");
        assertThat(c.stats()).extracting(CacheStats::hits, CacheStats::misses).containsExactly(2L, 1L);
        assertThat(c.stats().hitRate()).isEqualTo(2.0 / 3);
        assertThat(removals).containsExactly(new Removal("a", "1", RemovalCause.REPLACED));
        assertThat(c.policy()).isEqualTo(policy);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void theCountBoundHoldsAndEvictionsAreReported(Policy policy) {
        Cache<String, String> c = bySize(policy, 50);
        for (int i = 0; i < 1_000; i++) {
            c.put("k" + i, "v" + i);
            c.getIfPresent("k" + (i / 2));
        }
        c.cleanUp();
        assertThat(c.size()).isLessThanOrEqualTo(50).isPositive();
        long evicted = removals.stream().filter(r -> r.cause() == RemovalCause.SIZE).count();
        assertThat(evicted).isEqualTo(1_000 - c.size());
        assertThat(c.stats().evictions()).isEqualTo(evicted);
        assertThat(c.stats().evictionWeight()).isEqualTo(evicted);
        for (Removal r : removals) {
            assertThat(r.value()).isEqualTo("v" + r.key().substring(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void theWeightBoundHoldsAndAnOversizedEntryIsRemovedAtOnce(Policy policy) {
        CacheBuilder<String, String> b = builder(policy).maximumWeight(100).weigher((k, v) -> v.length());
        Cache<String, String> c = policy == Policy.W_TINYLFU ? b.build() : b.shards(1).build();
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            c.put("k" + r.nextInt(60), "x".repeat(1 + r.nextInt(30)));
            c.cleanUp();
            assertThat(c.weightedSize()).isLessThanOrEqualTo(100);
        }
        removals.clear();
        c.put("huge", "x".repeat(101));
        c.cleanUp();
        assertThat(c.getIfPresent("huge")).isNull();
        assertThat(removals).contains(new Removal("huge", "x".repeat(101), RemovalCause.SIZE));
        assertThat(c.capacity()).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void entriesExpireExactlyAtTheirTimeToLive(Policy policy) {
        Cache<String, String> c = bySize(policy, 10);
        c.put("short", "s", Duration.ofSeconds(5));
        c.put("long", "l", Duration.ofSeconds(50));
        c.put("never", "n");
        clock.advance(Duration.ofMillis(4_999));
        assertThat(c.getIfPresent("short")).isEqualTo("s");
        clock.advance(Duration.ofMillis(1));
        assertThat(c.getIfPresent("short")).isNull();
        assertThat(c.getIfPresent("long")).isEqualTo("l");
        clock.advance(Duration.ofSeconds(100));
        c.cleanUp();
        assertThat(c.getIfPresent("long")).isNull();
        assertThat(c.getIfPresent("never")).isEqualTo("n");
        assertThat(removals).extracting(Removal::key, Removal::cause)
                .contains(org.assertj.core.groups.Tuple.tuple("short", RemovalCause.EXPIRED),
                        org.assertj.core.groups.Tuple.tuple("long", RemovalCause.EXPIRED));
        assertThat(c.stats().expirations()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aDefaultTtlAppliesToPlainPuts(Policy policy) {
        CacheBuilder<String, String> b = builder(policy).maximumSize(10).defaultTtl(Duration.ofSeconds(1));
        Cache<String, String> c = policy == Policy.W_TINYLFU ? b.build() : b.shards(1).build();
        c.put("a", "1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.getIfPresent("a")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void invalidateReportsExplicitRemovals(Policy policy) {
        Cache<String, String> c = bySize(policy, 10);
        c.put("a", "1");
        c.put("b", "2");
        c.put("c", "3");
        c.invalidate("a");
        c.invalidate("missing");
        assertThat(c.getIfPresent("a")).isNull();
        c.invalidateAll();
        assertThat(c.size()).isZero();
        assertThat(removals).extracting(Removal::cause).containsOnly(RemovalCause.EXPLICIT).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void getLoadsOnAMissAndCachesTheResult(Policy policy) {
        Cache<String, String> c = bySize(policy, 10);
        int[] loads = {0};
        assertThat(c.get("a", k -> {
            loads[0]++;
            return k + "!";
        })).isEqualTo("a!");
        assertThat(c.get("a", k -> {
            loads[0]++;
            return "other";
        })).isEqualTo("a!");
        assertThat(c.get("n", k -> null)).isNull();
        assertThat(loads[0]).isEqualTo(1);
        assertThat(c.getIfPresent("n")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aThrowingListenerDoesNotBreakTheCache(Policy policy) {
        CacheBuilder<String, String> b = CacheBuilder.<String, String>newBuilder(policy).maximumSize(2)
                .removalListener((k, v, cause) -> {
                    throw new IllegalStateException("listener failure");
                });
        Cache<String, String> c = policy == Policy.W_TINYLFU ? b.build() : b.shards(1).build();
        for (int i = 0; i < 10; i++) {
            c.put("k" + i, "v");
        }
        c.cleanUp();
        assertThat(c.size()).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void nullsAreRejectedWithInvalidArgument(Policy policy) {
        Cache<String, String> c = bySize(policy, 10);
        assertThatThrownBy(() -> c.put(null, "v")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> c.put("k", null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> c.getIfPresent(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> c.put("k", "v", Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Policy.class, names = {"LRU", "ARC", "LFU"})
    void randomOperationsAgreeWithAMapAndKeepTheBound(Policy policy) {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        int shards = 1 << r.nextInt(3);
        Cache<Integer, Integer> c = CacheBuilder.<Integer, Integer>newBuilder(policy).maximumWeight(64)
                .weigher((k, v) -> 1 + (v & 3)).shards(shards).build();
        Map<Integer, Integer> last = new HashMap<>();
        try {
            for (int i = 0; i < 20_000 * Traces.soak(); i++) {
                int k = r.nextInt(100);
                switch (r.nextInt(4)) {
                    case 0, 1 -> {
                        Integer v = c.getIfPresent(k);
                        if (v != null) {
                            assertThat(v).isEqualTo(last.get(k));
                        }
                    }
                    case 2 -> {
                        int v = r.nextInt();
                        c.put(k, v);
                        last.put(k, v);
                    }
                    default -> {
                        c.invalidate(k);
                        last.remove(k);
                    }
                }
                assertThat(c.weightedSize()).isLessThanOrEqualTo(64);
            }
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    @Test
    void arcKeepsAFrequentSetThroughAScanThatFlushesLru() {
        // A hot set seen twice per round, then a one-time scan longer than the cache: LRU loses the
        // hot set to every scan, ARC keeps it in T2 and lets the scan pass through T1.
        Cache<Integer, Integer> lru = TraceReplayTest.single(Policy.LRU, 100);
        Cache<Integer, Integer> arc = TraceReplayTest.single(Policy.ARC, 100);
        int scan = 1_000;
        for (int round = 0; round < 50; round++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < 50; k++) {
                    TraceReplayTest.access(lru, k);
                    TraceReplayTest.access(arc, k);
                }
            }
            for (int i = 0; i < 200; i++, scan++) {
                TraceReplayTest.access(lru, scan);
                TraceReplayTest.access(arc, scan);
            }
        }
        assertThat(lru.stats().hits()).isEqualTo(50L * 50);
        assertThat(arc.stats().hits()).isGreaterThan(lru.stats().hits() + 40L * 50);
    }

    @Test
    void lfuKeepsTheFrequentEntryAndBreaksTiesByRecency() {
        Cache<String, String> c = bySize(Policy.LFU, 3);
        c.put("hot", "h");
        c.getIfPresent("hot");
        c.put("a", "a");
        c.put("b", "b");
        c.put("c", "c"); // a and b tie at frequency 1: a, the least recently used, goes
        assertThat(removals).containsExactly(new Removal("a", "a", RemovalCause.SIZE));
        assertThat(c.getIfPresent("hot")).isEqualTo("h");
        assertThat(c.getIfPresent("b")).isEqualTo("b");
    }

    @Test
    void theBuilderRejectsDuplicateAndConflictingOptions() {
        assertThatThrownBy(() -> CacheBuilder.newBuilder(Policy.LRU).maximumSize(1).maximumWeight(1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already set");
        assertThatThrownBy(() -> CacheBuilder.newBuilder(Policy.LRU).maximumWeight(10).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("weigher");
        assertThatThrownBy(() -> CacheBuilder.<String, String>newBuilder(Policy.LRU).maximumSize(10).weigher((k, v) -> 1).build())
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CacheBuilder.newBuilder(Policy.LRU).build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no bound");
        assertThatThrownBy(() -> CacheBuilder.newBuilder(Policy.W_TINYLFU).shards(2))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CacheBuilder.newBuilder(Policy.LRU).shards(3))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CacheBuilder.newBuilder(Policy.LRU).maximumSize(2).shards(4).build())
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> CacheBuilder.newBuilder(null)).isInstanceOf(InvalidArgumentException.class);
    }
}
