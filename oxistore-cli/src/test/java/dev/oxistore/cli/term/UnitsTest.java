package dev.oxistore.cli.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void formatsCountsSizesAndClocks() {
        assertThat(Units.count(1234567)).isEqualTo("1,234,567");
        assertThat(Units.count(1, "entry", "entries")).isEqualTo("1 entry");
        assertThat(Units.count(0, "entry", "entries")).isEqualTo("0 entries");
        assertThat(Units.bytes(512)).isEqualTo("512 B");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(Units.clock(75)).isEqualTo("1:15");
        assertThat(Units.clock(3725)).isEqualTo("1:02:05");
    }
}
