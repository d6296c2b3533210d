package dev.oxistore.cli.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aBarOffATerminalEndsWithOneSummaryLine() {
        StringWriter err = new StringWriter();
        try (ProgressBar bar = ProgressBar.of("load", "ops", 200, new PrintWriter(err), false)) {
            bar.add(150);
            bar.add(50);
        }
        assertThat(err.toString()).startsWith("load: 100% (200/200 ops), ").contains(" ops/s, in ").endsWith(" s\n")
                .hasLineCount(1);
    }

    @Test
    void aBarOnATerminalRedrawsInPlaceWithCarriageReturns() {
        StringWriter err = new StringWriter();
        try (ProgressBar bar = ProgressBar.of("run", "ops", 10, new PrintWriter(err), true)) {
            bar.add(10);
        }
        String s = err.toString();
        assertThat(s).startsWith("\r").endsWith("\n").contains("[##############################] 100%");
    }

    @Test
    void aQuietCounterSaysNothingForQuickJobs() {
        StringWriter err = new StringWriter();
        try (ProgressBar bar = ProgressBar.quiet("export", "entries", new PrintWriter(err), false, Duration.ofMinutes(1))) {
            bar.add(10);
            assertThat(bar.done()).isEqualTo(10);
        }
        assertThat(err.toString()).isEmpty();
    }
}
