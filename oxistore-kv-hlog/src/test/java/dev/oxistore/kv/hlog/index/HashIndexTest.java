package dev.oxistore.kv.hlog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tag entries, overflow buckets and racing two-phase inserts. */
class HashIndexTest {

    private static long hash(long bucket, long tag) {
        return bucket | (tag << HashIndex.TAG_SHIFT);
    }

    @Test
    void moreTagsThanEntriesSpillIntoOverflowBuckets() {
        try (HashIndex index = new HashIndex(4)) {
            EntrySlot slot = new EntrySlot();
            for (long tag = 1; tag <= 20; tag++) {
                index.findOrCreate(hash(1, tag), slot);
                assertThat(index.compareAndSwap(slot, 1000 + tag)).isTrue();
            }
            assertThat(index.overflowBuckets()).as("20 tags in buckets of 7").isEqualTo(2);
            for (long tag = 1; tag <= 20; tag++) {
                assertThat(index.find(hash(1, tag), slot)).isTrue();
                assertThat(slot.address()).isEqualTo(1000 + tag);
            }
            assertThat(index.find(hash(2, 1), slot)).as("another bucket").isFalse();
            assertThat(index.find(hash(1, 21), slot)).as("another tag").isFalse();
        }
    }

    @Test
    void mainEntryFindsExactlyTheVisibleEntriesOfTheMainBucket() {
        try (HashIndex index = new HashIndex(4)) {
            EntrySlot slot = new EntrySlot();
            long[] tags = {0x7FFF, 0x7FFE, 1, 2, 0x4000, 0x3FFF, 0x0100, 0x0101, 0x2222}; // 7 main, 2 overflow
            for (int i = 0; i < tags.length; i++) {
                index.findOrCreate(hash(3, tags[i]), slot);
                assertThat(index.compareAndSwap(slot, i == 0 ? HashIndex.ADDRESS_MASK : 64L * (i + 1))).isTrue();
            }
            for (int i = 0; i < tags.length; i++) {
                assertThat(index.find(hash(3, tags[i]), slot)).isTrue();
                long expected = slot.chunk < 0 ? slot.word() : 0; // an overflow entry is the general path's
                assertThat(index.mainEntry(hash(3, tags[i]))).as("tag %x", tags[i]).isEqualTo(expected);
            }
            assertThat(java.util.Arrays.stream(tags).filter(t -> index.mainEntry(hash(3, t)) == 0).count())
                    .as("the two overflow entries").isEqualTo(2);
            assertThat(index.mainEntry(hash(3, 0x7FFD))).as("absent tag").isZero();
            assertThat(index.mainEntry(hash(2, 0x7FFF))).as("empty bucket").isZero();
            index.findOrCreate(hash(1, 9), slot); // an entry whose chain is still empty: address 0
            assertThat(index.mainEntry(hash(1, 9))).isEqualTo(9L << HashIndex.TAG_SHIFT);
        }
    }

    @Test
    void aTentativeEntryNeverMatches() {
        long word = 5L << HashIndex.TAG_SHIFT | 640;
        assertThat(HashIndex.matchMask(word, 5)).isEqualTo(-1L);
        assertThat(HashIndex.matchMask(word | HashIndex.TENTATIVE, 5)).isZero();
        assertThat(HashIndex.matchMask(word, 4)).isZero();
        assertThat(HashIndex.matchMask(0, 5)).isZero();
    }

    @Test
    void aStaleCompareAndSwapFails() {
        try (HashIndex index = new HashIndex(4)) {
            EntrySlot a = new EntrySlot();
            EntrySlot b = new EntrySlot();
            index.findOrCreate(hash(0, 5), a);
            index.findOrCreate(hash(0, 5), b);
            assertThat(index.compareAndSwap(a, 64)).isTrue();
            assertThat(index.compareAndSwap(b, 96)).as("b read the entry before a's swap").isFalse();
            index.reload(b);
            assertThat(b.address()).isEqualTo(64);
        }
    }

    @Test
    void racingInsertsOfOneTagCreateOneEntry() throws Exception {
        int threads = 4;
        for (int round = 0; round < 200; round++) {
            try (HashIndex index = new HashIndex(2)) {
                CyclicBarrier start = new CyclicBarrier(threads);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<Long>> slots = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    slots.add(pool.submit(() -> {
                        EntrySlot s = new EntrySlot();
                        start.await();
                        index.findOrCreate(hash(0, 77), s);
                        return ((long) s.chunk << 40) + s.offset;
                    }));
                }
                Set<Long> offsets = new HashSet<>();
                for (Future<Long> f : slots) {
                    offsets.add(f.get());
                }
                pool.shutdown();
                assertThat(offsets).as("round %d: every thread got the same entry", round).hasSize(1);
                long[] visible = {0};
                index.forEachAddress(a -> visible[0]++);
                EntrySlot s = new EntrySlot();
                index.find(hash(0, 77), s);
                index.compareAndSwap(s, 128);
                index.forEachAddress(a -> visible[0]++);
                assertThat(visible[0]).isEqualTo(1);
            }
        }
    }
}
