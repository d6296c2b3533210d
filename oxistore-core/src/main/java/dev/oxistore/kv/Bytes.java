package dev.oxistore.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/** Small helpers for byte-array keys: the store's key order, prefix bounds, UTF-8 and hex. */
public final class Bytes {

    /** The order of keys in every store: unsigned lexicographic bytes, shorter prefix first. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    /** Compares two keys in store order ({@link Arrays#compareUnsigned(byte[], byte[])}). */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** True when {@code key} starts with {@code prefix}. */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or {@code null}
     * when there is none (the prefix is empty or all {@code 0xFF} bytes).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    /** The UTF-8 bytes of {@code s}. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes UTF-8 bytes (malformed input is replaced, never thrown). */
    public static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Lower-case hex of {@code b}. */
    public static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    /**
     * Parses hex digits.
     *
     * @throws InvalidArgumentException when {@code s} is not an even number of hex digits
     */
    public static byte[] fromHex(String s) {
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("not a hex string: '" + s + "' (use an even number of 0-9a-f digits)", e);
        }
    }
}
