package dev.oxistore.blob;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The key rules every {@link BlobStore} enforces, the same on every backend so that a key valid on
 * the local store is valid on S3, Azure and GCS and maps safely to a file path:
 * <ul>
 *   <li>a key is 1 to {@value #MAX_KEY_BYTES} bytes of UTF-8 (no unpaired surrogates);</li>
 *   <li>it is a sequence of segments separated by single {@code '/'}: no leading, trailing or
 *       doubled {@code '/'} (so no absolute paths and no empty segments);</li>
 *   <li>each segment is 1 to {@value #MAX_SEGMENT_BYTES} bytes and is neither {@code "."} nor
 *       {@code ".."};</li>
 *   <li>no control characters (U+0000 to U+001F, U+007F, so no NUL) and no backslash.</li>
 * </ul>
 * Keys order by their UTF-8 bytes, unsigned ({@link #ORDER}), which is how the cloud stores list.
 * A list prefix follows the same character rules but may be empty and may end with {@code '/'}.
 */
public final class BlobKeys {

    /** The longest key, in UTF-8 bytes (the S3 and GCS limit). */
    public static final int MAX_KEY_BYTES = 1024;
    /** The longest segment, in UTF-8 bytes (leaves room under the 255-byte file name limit). */
    public static final int MAX_SEGMENT_BYTES = 200;

    /** Key order: unsigned UTF-8 bytes, which is code point order. */
    public static final Comparator<String> ORDER = BlobKeys::compare;

    private static final String RULES = "keys are 1 to " + MAX_KEY_BYTES + " UTF-8 bytes of '/'-separated segments, "
            + "each 1 to " + MAX_SEGMENT_BYTES + " bytes and not '.' or '..', with no leading, trailing or doubled '/', "
            + "no backslash and no control characters (U+0000-U+001F, U+007F)";

    private BlobKeys() {
    }

    /**
     * Returns {@code key} if it follows the rules.
     *
     * @throws InvalidKeyException naming the broken rule
     */
    public static String checkKey(String key) {
        if (key == null) {
            throw new InvalidKeyException(null, "the key is null; " + RULES);
        }
        if (key.isEmpty()) {
            throw new InvalidKeyException(key, "the key is empty; " + RULES);
        }
        checkCharacters(key, "key");
        int bytes = utf8Length(key);
        if (bytes > MAX_KEY_BYTES) {
            throw new InvalidKeyException(key, "key '" + abbreviate(key) + "' is " + bytes + " UTF-8 bytes, over the limit; " + RULES);
        }
        if (key.startsWith("/")) {
            throw new InvalidKeyException(key, "key '" + abbreviate(key) + "' starts with '/' (absolute paths are not keys); " + RULES);
        }
        if (key.endsWith("/")) {
            throw new InvalidKeyException(key, "key '" + abbreviate(key) + "' ends with '/' (an empty last segment); " + RULES);
        }
        int start = 0;
        while (start <= key.length()) {
            int slash = key.indexOf('/', start);
            int end = slash < 0 ? key.length() : slash;
            String segment = key.substring(start, end);
            if (segment.isEmpty()) {
                throw new InvalidKeyException(key, "key '" + abbreviate(key) + "' has an empty segment ('//'); " + RULES);
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException(key, "key '" + abbreviate(key) + "' has a '" + segment
                        + "' segment (no key may point outside its place); " + RULES);
            }
            int segmentBytes = utf8Length(segment);
            if (segmentBytes > MAX_SEGMENT_BYTES) {
                throw new InvalidKeyException(key, "key '" + abbreviate(key) + "' has a segment of " + segmentBytes
                        + " UTF-8 bytes, over the limit; " + RULES);
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return key;
    }

    /**
     * Returns {@code prefix} if it can start keys: empty, or the characters of a key (it may end
     * with {@code '/'} or in the middle of a segment).
     *
     * @throws InvalidKeyException naming the broken rule
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new InvalidKeyException(null, "the prefix is null; use \"\" for every key");
        }
        checkCharacters(prefix, "prefix");
        if (utf8Length(prefix) > MAX_KEY_BYTES) {
            throw new InvalidKeyException(prefix, "prefix '" + abbreviate(prefix) + "' is longer than any key can be; " + RULES);
        }
        if (prefix.startsWith("/")) {
            throw new InvalidKeyException(prefix, "prefix '" + abbreviate(prefix) + "' starts with '/', so no key can match; " + RULES);
        }
        return prefix;
    }

    /** Compares two keys by their UTF-8 bytes, unsigned (code point order, not UTF-16 order). */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static void checkCharacters(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidKeyException(s, what + " '" + abbreviate(s) + "' has control character U+"
                        + String.format("%04X", (int) c) + " at index " + i + "; " + RULES);
            }
            if (c == '\\') {
                throw new InvalidKeyException(s, what + " '" + abbreviate(s) + "' has a backslash at index " + i
                        + " (use '/' between segments); " + RULES);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidKeyException(s, what + " has an unpaired surrogate at index " + i
                        + ", which UTF-8 cannot encode; " + RULES);
            }
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 60) + "...(" + s.length() + " chars)";
    }
}
