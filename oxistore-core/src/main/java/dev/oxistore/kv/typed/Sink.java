package dev.oxistore.kv.typed;

import java.util.Arrays;

/** A growable byte buffer that key encodings are written to. Not thread-safe; one per encode. */
final class Sink {

    private byte[] buf = new byte[32];
    private int size;

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void writeLong(long v) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    void writeInt(int v) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    /**
     * Writes {@code b} so that it is self-delimiting and keeps its order: each {@code 0x00}
     * becomes {@code 0x00 0xFF}, and {@code 0x00 0x00} ends it. A shorter string ends with
     * {@code 0x00 0x00}, which sorts below both a non-zero byte and an escaped {@code 0x00 0xFF}
     * at the same place, so a prefix still sorts first; elsewhere bytes compare as before.
     */
    void writeDelimited(byte[] b) {
        ensure(2 * b.length + 2);
        for (byte x : b) {
            if (x == 0) {
                buf[size++] = 0;
                buf[size++] = (byte) 0xFF;
            } else {
                buf[size++] = x;
            }
        }
        buf[size++] = 0;
        buf[size++] = 0;
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
