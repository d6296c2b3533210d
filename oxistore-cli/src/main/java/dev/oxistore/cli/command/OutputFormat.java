package dev.oxistore.cli.command;

import dev.oxistore.kv.Bytes;

/**
 * How {@code get} and {@code scan} print keys and values. Both forms keep one entry on one line
 * and never send raw control bytes to a terminal; {@code export} is the lossless form.
 */
public enum OutputFormat {
    /**
     * Text: valid UTF-8 prints as is, except that a backslash prints as {@code \\}, tab, newline
     * and carriage return as {@code \t}, {@code \n}, {@code \r}, and every other control character
     * or byte that is not part of valid UTF-8 as {@code \xNN} (one escape per byte).
     */
    UTF8 {
        @Override
        public String render(byte[] b) {
            return escapeUtf8(b);
        }
    },
    /** Lower-case hex digits, two per byte. */
    HEX {
        @Override
        public String render(byte[] b) {
            return Bytes.hex(b);
        }
    };

    /** The printable form of {@code b}. */
    public abstract String render(byte[] b);

    static String escapeUtf8(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length + 8);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                appendAscii(sb, c);
                i++;
                continue;
            }
            int len = utf8SequenceLength(b, i);
            if (len == 0) {
                appendByte(sb, c);
                i++;
                continue;
            }
            int cp = new String(b, i, len, java.nio.charset.StandardCharsets.UTF_8).codePointAt(0);
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                for (int k = 0; k < len; k++) {
                    appendByte(sb, b[i + k] & 0xFF);
                }
            } else {
                sb.appendCodePoint(cp);
            }
            i += len;
        }
        return sb.toString();
    }

    /** The length of the well-formed UTF-8 sequence starting at {@code i} (2 to 4), or 0 when there is none. */
    private static int utf8SequenceLength(byte[] b, int i) {
        int c = b[i] & 0xFF;
        int len;
        int cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > b.length) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            int cc = b[i + k] & 0xFF;
            if ((cc & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        int min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        boolean valid = cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        return valid ? len : 0;
    }

    private static void appendAscii(StringBuilder sb, int c) {
        switch (c) {
            case '\\' -> sb.append("\\\\");
            case '\t' -> sb.append("\\t");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            default -> {
                if (c < 0x20 || c == 0x7F) {
                    appendByte(sb, c);
                } else {
                    sb.append((char) c);
                }
            }
        }
    }

    private static void appendByte(StringBuilder sb, int c) {
        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
    }
}
