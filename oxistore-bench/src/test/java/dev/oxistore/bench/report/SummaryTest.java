package dev.oxistore.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.bench.run.Bench;
import dev.oxistore.bench.run.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Summary.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Summary.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Summary.median(new double[0])).isNaN();
    }

    @Test
    void ratiosPairRunsOfTheSameRepetitionOnly() {
        List<Result> rs = List.of(ok("a", 0, 200), ok("b", 0, 100), ok("a", 1, 300), ok("b", 1, 100), ok("a", 2, 50));
        double[] r = Summary.ratios(rs, "a", "b", List.of(Bench.READRANDOM)).get(Bench.READRANDOM);
        assertThat(r).containsExactly(2.0, 3.0);
    }

    private static Result ok(String store, int rep, long ops) {
        return new Result(store, Bench.READRANDOM, rep, "ok", ops, 1_000_000_000L, -1, null, 0, -1, 0, -1, 0, "");
    }
}
