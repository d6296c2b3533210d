package dev.oxistore.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ZipfianChooserTest {

    private static final int ITEMS = 1000;
    private static final int DRAWS = 200_000;

    @Test
    void zipfianFavoursTheFirstItemsAndStaysInRange() {
        long[] counts = histogram(new ZipfianChooser(0, ITEMS - 1, ZipfianChooser.YCSB_THETA, new SplittableRandom(1)));
        double uniformShare = 1.0 / ITEMS;
        assertThat((double) counts[0] / DRAWS).as("item 0's share").isGreaterThan(50 * uniformShare);
        assertThat(counts[0]).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[10]);
        // theta 0.99: p(i) ~ 1/(i+1)^0.99, so item 0 is close to 10x item 9
        assertThat((double) counts[0] / counts[9]).isBetween(7.0, 13.0);
    }

    @Test
    void zipfianShareOfItemZeroMatchesTheory() {
        long[] counts = histogram(new ZipfianChooser(0, ITEMS - 1, 0.99, new SplittableRandom(2)));
        double expected = 1 / ZipfianChooser.zeta(0, ITEMS, 0.99, 0);
        assertThat((double) counts[0] / DRAWS).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void scrambledZipfianSpreadsTheHotItemsButKeepsTheSkew() {
        long[] counts = histogram(new ScrambledZipfianChooser(0, ITEMS - 1, new SplittableRandom(3)));
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        long hottest = sorted[ITEMS - 1];
        assertThat((double) hottest / DRAWS).as("the hottest item's share").isGreaterThan(20.0 / ITEMS);
        int hottestIndex = indexOf(counts, hottest);
        assertThat(hottestIndex).as("scrambling moves the hottest item away from the start").isNotZero();
        long top10Percent = Arrays.stream(sorted, ITEMS - ITEMS / 10, ITEMS).sum();
        // The hot ranks of a Zipfian over 10^10 items land on distinct slots; the long tail spreads
        // evenly. Uniform would give the top tenth 10% of the draws.
        assertThat((double) top10Percent / DRAWS).as("share of the hottest tenth").isGreaterThan(0.2);
    }

    @Test
    void uniformIsFlatAndInRange() {
        long[] counts = histogram(new UniformChooser(0, ITEMS - 1, new SplittableRandom(4)));
        long max = Arrays.stream(counts).max().orElseThrow();
        long min = Arrays.stream(counts).min().orElseThrow();
        assertThat(max).isLessThan(2L * DRAWS / ITEMS);
        assertThat(min).isGreaterThan(DRAWS / ITEMS / 2);
    }

    @Test
    void latestFavoursTheNewestRecordAndFollowsGrowth() {
        long[] count = {ITEMS};
        LongSupplier n = () -> count[0];
        LatestChooser latest = new LatestChooser(n, new SplittableRandom(5));
        long[] counts = histogram(latest);
        assertThat(counts[ITEMS - 1]).isGreaterThan(counts[ITEMS - 2]).isGreaterThan(counts[0]);
        count[0] = ITEMS + 500;
        long newest = 0;
        for (int i = 0; i < 10_000; i++) {
            long k = latest.next();
            assertThat(k).isBetween(0L, ITEMS + 499L);
            if (k == ITEMS + 499) {
                newest++;
            }
        }
        assertThat(newest).as("after growth the newest record is the hot one").isGreaterThan(1000);
    }

    @Test
    void zipfianGrowsItsItemCountIncrementally() {
        ZipfianChooser grown = new ZipfianChooser(0, 99, 0.99, new SplittableRandom(6));
        grown.next(5000);
        ZipfianChooser direct = new ZipfianChooser(0, 4999, 0.99, new SplittableRandom(6));
        direct.next();
        for (int i = 0; i < 1000; i++) {
            assertThat(grown.next(5000)).isEqualTo(direct.next());
        }
    }

    @Test
    void sameSeedSameDraws() {
        ScrambledZipfianChooser a = new ScrambledZipfianChooser(10, 10_009, new SplittableRandom(42));
        ScrambledZipfianChooser b = new ScrambledZipfianChooser(10, 10_009, new SplittableRandom(42));
        for (int i = 0; i < 1000; i++) {
            long x = a.next();
            assertThat(x).isEqualTo(b.next()).isBetween(10L, 10_009L);
        }
    }

    @Test
    void fnvMatchesTheReferenceValues() {
        // FNV-1a 64 of eight zero bytes, and of the little-endian bytes of 1.
        assertThat(ScrambledZipfianChooser.fnv1a64(0)).isEqualTo(0xa8c7f832281a39c5L);
        assertThat(ScrambledZipfianChooser.fnv1a64(1)).isNotEqualTo(ScrambledZipfianChooser.fnv1a64(0));
    }

    @Test
    void badRangesAreRejected() {
        assertThatThrownBy(() -> new ZipfianChooser(5, 4, 0.99, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfianChooser(0, 4, 1.0, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UniformChooser(1, 0, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] histogram(KeyChooser chooser) {
        long[] counts = new long[ITEMS];
        for (int i = 0; i < DRAWS; i++) {
            long k = chooser.next();
            assertThat(k).isBetween(0L, ITEMS - 1L);
            counts[(int) k]++;
        }
        return counts;
    }

    private static int indexOf(long[] a, long v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
