package dev.oxistore.kv.typed;

import dev.oxistore.kv.CorruptionException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;

/**
 * Common value codecs. {@link #int64()} is the format of
 * {@link dev.oxistore.kv.MergeOperator#int64Add()}, so it reads and writes merge counters.
 */
public final class ValueCodecs {

    private static final ValueCodec<byte[]> BYTES = new FunctionValueCodec<>("ValueCodecs.bytes()", b -> b, b -> b);

    private static final ValueCodec<String> UTF8 = new FunctionValueCodec<>("ValueCodecs.utf8()", Text::utf8, b -> {
        try {
            return Text.utf8(b);
        } catch (CharacterCodingException e) {
            throw corrupt("ValueCodecs.utf8()", b, "not well-formed UTF-8");
        }
    });

    private static final ValueCodec<Long> INT64 = new FunctionValueCodec<>("ValueCodecs.int64()",
            v -> ByteBuffer.allocate(Long.BYTES).putLong(v).array(),
            b -> ByteBuffer.wrap(exactly(b, Long.BYTES, "ValueCodecs.int64()")).getLong());

    private static final ValueCodec<Integer> INT32 = new FunctionValueCodec<>("ValueCodecs.int32()",
            v -> ByteBuffer.allocate(Integer.BYTES).putInt(v).array(),
            b -> ByteBuffer.wrap(exactly(b, Integer.BYTES, "ValueCodecs.int32()")).getInt());

    private ValueCodecs() {
    }

    /** Byte arrays as themselves (the store copies them). */
    public static ValueCodec<byte[]> bytes() {
        return BYTES;
    }

    /**
     * Strings as UTF-8. A string with an unpaired surrogate raises
     * {@link dev.oxistore.kv.InvalidArgumentException} (it would not come back); malformed UTF-8
     * raises {@link CorruptionException}.
     */
    public static ValueCodec<String> utf8() {
        return UTF8;
    }

    /** Signed longs as 8 big-endian bytes. */
    public static ValueCodec<Long> int64() {
        return INT64;
    }

    /** Signed ints as 4 big-endian bytes. */
    public static ValueCodec<Integer> int32() {
        return INT32;
    }

    private static byte[] exactly(byte[] b, int n, String name) {
        if (b.length != n) {
            throw corrupt(name, b, "expected exactly " + n + " bytes");
        }
        return b;
    }

    private static CorruptionException corrupt(String name, byte[] b, String problem) {
        return Text.notValid(name, "value", b, problem, null);
    }
}
