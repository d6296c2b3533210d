package dev.oxistore.kv.typed;

import dev.oxistore.kv.CorruptionException;
import java.util.Arrays;

/**
 * Reads a key encoding with bounds checks: running past the end, or a malformed escape, raises
 * {@link CorruptionException} naming the codec, the offset and the bytes.
 */
final class Source {

    private final byte[] buf;
    private final Object codec;
    private int pos;

    Source(byte[] buf, Object codec) {
        this.buf = buf;
        this.codec = codec;
    }

    int position() {
        return pos;
    }

    long readLong(Object part) {
        need(Long.BYTES, part);
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    int readInt(Object part) {
        need(Integer.BYTES, part);
        int v = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** The remaining bytes (the plain encoding of a last component). */
    byte[] rest() {
        byte[] r = Arrays.copyOfRange(buf, pos, buf.length);
        pos = buf.length;
        return r;
    }

    /** Reads what {@link Sink#writeDelimited} wrote. */
    byte[] readDelimited(Object part) {
        int start = pos;
        byte[] out = new byte[16];
        int n = 0;
        while (true) {
            if (pos >= buf.length) {
                throw corrupt(part + " at offset " + start + " has no 00 00 terminator");
            }
            byte b = buf[pos++];
            if (b == 0) {
                if (pos >= buf.length) {
                    throw corrupt(part + " at offset " + start + " ends inside an escape (a lone 00 at the end)");
                }
                byte next = buf[pos++];
                if (next == 0) {
                    return Arrays.copyOf(out, n);
                }
                if (next != (byte) 0xFF) {
                    throw corrupt(part + " has 00 followed by " + String.format("%02x", next & 0xFF)
                            + " at offset " + (pos - 2) + "; only 00 ff (escaped 00) and 00 00 (end) are valid");
                }
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = b;
        }
    }

    void expectEnd() {
        if (pos != buf.length) {
            throw corrupt((buf.length - pos) + " trailing bytes after offset " + pos);
        }
    }

    /** A corruption error that names the codec, shows the bytes and says {@code problem}. */
    CorruptionException corrupt(String problem) {
        return corrupt(problem, null);
    }

    CorruptionException corrupt(String problem, Throwable cause) {
        return Text.notValid(codec, "key", buf, problem, cause);
    }

    private void need(int n, Object part) {
        if (buf.length - pos < n) {
            throw corrupt(part + " at offset " + pos + " needs " + n + " bytes, only " + (buf.length - pos) + " remain");
        }
    }
}
