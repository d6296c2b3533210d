package dev.oxistore.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    @Test
    void everyByteRoundTripsAndTheTextIsPrintableAsciiWithoutSeparators() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = ExportFormat.escape(all);
        assertThat(text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)).isTrue();
        assertThat(ExportFormat.unescape(text, 1)).isEqualTo(all);
    }

    @Test
    void randomBytesRoundTrip() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            assertThat(ExportFormat.unescape(ExportFormat.escape(b), 1)).as("seed %d", seed).isEqualTo(b);
        }
    }

    @Test
    void printableAsciiStaysReadable() {
        assertThat(ExportFormat.escape("user:42/name".getBytes())).isEqualTo("user:42/name");
        assertThat(ExportFormat.escape("a b%c\td".getBytes())).isEqualTo("a%20b%25c%09d");
        assertThat(ExportFormat.unescape("%ff%FF", 1)).containsExactly(0xFF, 0xFF);
    }

    @Test
    void badEscapesNameTheLine() {
        assertThatThrownBy(() -> ExportFormat.unescape("ab%4", 7)).isInstanceOf(ExportFormatException.class)
                .hasMessage("line 7: '%' must be followed by two hex digits");
        assertThatThrownBy(() -> ExportFormat.unescape("%", 1)).isInstanceOf(ExportFormatException.class);
        assertThatThrownBy(() -> ExportFormat.unescape("é", 3)).isInstanceOf(ExportFormatException.class)
                .hasMessage("line 3: character 0xE9 must be written as %E9");
    }
}
