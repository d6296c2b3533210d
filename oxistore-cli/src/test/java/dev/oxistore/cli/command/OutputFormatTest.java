package dev.oxistore.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void utf8PrintsValidTextAsIs() {
        assertThat(OutputFormat.UTF8.render(Bytes.utf8("héllo wörld € 𝄞"))).isEqualTo("héllo wörld € 𝄞");
    }

    @Test
    void utf8EscapesControlsBackslashAndInvalidBytes() {
        byte[] b = {'\\', '\t', '\n', '\r', 0, 0x1B, 0x7F, (byte) 0xFF, (byte) 0xC0, (byte) 0xAF};
        assertThat(OutputFormat.UTF8.render(b)).isEqualTo("\\\\\\t\\n\\r\\x00\\x1b\\x7f\\xff\\xc0\\xaf");
    }

    @Test
    void utf8RejectsOverlongSurrogateAndTruncatedSequences() {
        assertThat(OutputFormat.UTF8.render(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80})).isEqualTo("\\xe0\\x80\\x80");
        assertThat(OutputFormat.UTF8.render(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo("\\xed\\xa0\\x80");
        assertThat(OutputFormat.UTF8.render(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).isEqualTo("a\\xe2\\x82");
        assertThat(OutputFormat.UTF8.render(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
                .as("beyond U+10FFFF").isEqualTo("\\xf4\\x90\\x80\\x80");
    }

    @Test
    void utf8EscapesC1ControlsAndLineSeparators() {
        assertThat(OutputFormat.UTF8.render(new byte[] {(byte) 0xC2, (byte) 0x85})).isEqualTo("\\xc2\\x85");
        assertThat(OutputFormat.UTF8.render(Bytes.utf8("a\u2028b"))).isEqualTo("a\\xe2\\x80\\xa8b");
    }

    @Test
    void hexIsLowerCaseDigits() {
        assertThat(OutputFormat.HEX.render(new byte[] {0, (byte) 0xAB, 0x7F})).isEqualTo("00ab7f");
    }
}
