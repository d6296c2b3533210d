package dev.oxistore.kv.typed;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict UTF-8 and readable forms of bytes, shared by the codecs, tuples and entries. */
final class Text {

    private static final int PREVIEW = 64;

    private Text() {
    }

    /**
     * The UTF-8 bytes of {@code s}, rejecting unpaired surrogates, which UTF-8 cannot carry (the
     * JDK would silently replace them with '?', so the string would not come back).
     */
    static byte[] utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidArgumentException("string has an unpaired surrogate \\u" + Integer.toHexString(c)
                        + " at index " + i + ", which UTF-8 cannot represent: pass well-formed text, or use bytes()");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes well-formed UTF-8 only: malformed input raises instead of being replaced. */
    static String utf8(byte[] b) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b))
                .toString();
    }

    /** The error for bytes that {@code codec} cannot decode as a {@code kind} ("key" or "value"). */
    static CorruptionException notValid(Object codec, String kind, byte[] bytes, String problem, Throwable cause) {
        return new CorruptionException("bytes " + preview(bytes) + " are not a valid " + codec + " " + kind + ": " + problem
                + "; they were not written with this codec (check the keyspace and the codec)", cause);
    }

    /** {@code String.valueOf(o)}, but a byte array as hex rather than an identity hash. */
    static String show(Object o) {
        return o instanceof byte[] b ? "0x" + Bytes.hex(b) : String.valueOf(o);
    }

    /** Hex of {@code b}, cut after 64 bytes, with its length. */
    static String preview(byte[] b) {
        String hex = b.length <= PREVIEW ? Bytes.hex(b) : Bytes.hex(Arrays.copyOf(b, PREVIEW)) + "...";
        return "[" + hex + "] (" + b.length + " bytes)";
    }
}
