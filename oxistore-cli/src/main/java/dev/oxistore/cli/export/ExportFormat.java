package dev.oxistore.cli.export;

import java.io.ByteArrayOutputStream;

/**
 * Format version 1 of an OxiStore export (see {@code docs/export-format.md}). A US-ASCII text file
 * of lines ending in LF; fields are separated by one TAB:
 * <pre>
 * oxistore-export	1                      header: magic and format version (first line)
 * # any text                              comment (ignored)
 * keyspace	NAME                           the entries that follow belong to keyspace NAME
 * put	KEY	VALUE                          an entry without expiry
 * put	KEY	VALUE	2030-01-01T00:00:00Z   an entry that expires at that instant (UTC)
 * end	COUNT                              trailer: the number of put lines; marks a complete file
 * </pre>
 * KEY and VALUE are bytes escaped so the line stays printable ASCII: a byte from {@code '!'}
 * (0x21) to {@code '~'} (0x7E) other than {@code '%'} stands for itself, and every other byte is
 * {@code %} followed by two upper-case hex digits. An empty VALUE is an empty field.
 */
public final class ExportFormat {

    /** The first field of the first line. */
    public static final String MAGIC = "oxistore-export";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    static final String KEYSPACE = "keyspace";
    static final String PUT = "put";
    static final String END = "end";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ExportFormat() {
    }

    /** The escaped form of {@code bytes}. */
    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x21 && c <= 0x7E && c != '%') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * The bytes {@code field} stands for.
     *
     * @throws ExportFormatException naming {@code line} when the field is not a valid escape
     */
    public static byte[] unescape(String field, long line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%') {
                int hi = i + 2 < field.length() ? Character.digit(field.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(field.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new ExportFormatException(line, "'%' must be followed by two hex digits");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c >= 0x21 && c <= 0x7E) {
                out.write(c);
            } else {
                throw new ExportFormatException(line, String.format("character 0x%02X must be written as %%%02X",
                        (int) c, (int) c & 0xFF));
            }
        }
        return out.toByteArray();
    }
}
