package dev.oxistore.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OrderTest {

    @Test
    void shuffledIsAPermutationThatIsNotSortedAndRepeatsForASeed() {
        int[] a = Order.shuffled(10_000, 42);
        assertThat(a).isEqualTo(Order.shuffled(10_000, 42));
        assertThat(a).isNotEqualTo(Order.sequential(10_000));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(Order.sequential(10_000));
    }

    @Test
    void reverseAndUniformStayInRange() {
        assertThat(Order.reverse(3)).containsExactly(2, 1, 0);
        int[] u = Order.uniform(10_000, 50, 1);
        assertThat(Arrays.stream(u).allMatch(x -> x >= 0 && x < 50)).isTrue();
        assertThat(Arrays.stream(u).distinct().count()).isEqualTo(50);
    }

    @Test
    void valuesHaveTheSizeAndAreHalfRepeated() {
        Values v = Values.of(100, 3);
        assertThat(v.value(5)).hasSize(100);
        assertThat(Arrays.copyOfRange(v.value(5), 50, 100)).isEqualTo(Arrays.copyOfRange(v.value(5), 0, 50));
        assertThat(v.value(5)).isNotEqualTo(v.value(6));
        assertThat(v.value(5 + Values.POOL)).isSameAs(v.value(5));
    }
}
