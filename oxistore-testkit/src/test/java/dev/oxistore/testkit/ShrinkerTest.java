package dev.oxistore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    /** Fails when the list holds a 7 somewhere before a 3. */
    private static boolean sevenBeforeThree(List<Integer> list) {
        int seven = list.indexOf(7);
        return seven >= 0 && list.subList(seven, list.size()).contains(3);
    }

    @Test
    void shrinksToTheTwoElementsThatMatter() {
        Random random = new Random(1);
        List<Integer> noisy = new ArrayList<>(IntStream.range(0, 200).map(i -> 10 + random.nextInt(90)).boxed().toList());
        noisy.add(57, 7);
        noisy.add(163, 3);
        Shrinker<Integer> shrinker = new Shrinker<>(ShrinkerTest::sevenBeforeThree, i -> List.of(), 10_000);
        assertThat(shrinker.shrink(noisy)).containsExactly(7, 3);
        assertThat(shrinker.attempts()).isPositive().isLessThan(1_000);
    }

    @Test
    void simplifiesElementsWithTheGivenVariants() {
        // A failure needs some element >= 50; elements simplify by halving.
        Shrinker<Integer> shrinker = new Shrinker<>(l -> l.stream().anyMatch(i -> i >= 50),
                i -> i > 1 ? List.of(i / 2) : List.of(), 10_000);
        assertThat(shrinker.shrink(List.of(3, 400, 9, 1_000, 2))).containsExactly(62);
    }

    @Test
    void stopsAtTheBudget() {
        int[] calls = {0};
        Shrinker<Integer> shrinker = new Shrinker<>(l -> {
            calls[0]++;
            return !l.isEmpty();
        }, i -> List.of(), 5);
        List<Integer> result = shrinker.shrink(IntStream.range(0, 100).boxed().toList());
        assertThat(calls[0]).isEqualTo(5);
        assertThat(shrinker.attempts()).isEqualTo(5);
        assertThat(result).isNotEmpty().hasSizeLessThan(100);
    }

    @Test
    void keepsASequenceWhereNothingCanGo() {
        Shrinker<Integer> shrinker = new Shrinker<>(l -> l.equals(List.of(1, 2, 3)), i -> List.of(), 1_000);
        assertThat(shrinker.shrink(List.of(1, 2, 3))).containsExactly(1, 2, 3);
    }
}
