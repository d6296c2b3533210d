package dev.oxistore.kv.lsm;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32C;

/** Varints, fixed-width big-endian integers and CRC32C, as every on-disk format of the engine uses them. */
final class Coding {

    private Coding() {
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xffffffffL);
    }

    /** A growable byte buffer with varint writers. */
    static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        Out(int size) {
            super(size);
        }

        Out varlong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
            return this;
        }

        Out varint(int v) {
            return varlong(v & 0xffffffffL);
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out bytes(byte[] b, int off, int len) {
            write(b, off, len);
            return this;
        }

        Out lengthPrefixed(byte[] b) {
            return varint(b.length).bytes(b);
        }

        Out fixedInt(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
            return this;
        }

        Out fixedLong(long v) {
            return fixedInt((int) (v >>> 32)).fixedInt((int) v);
        }

        byte[] buffer() {
            return buf;
        }

        int length() {
            return count;
        }
    }

    /** A reader over a byte range; raises {@link IllegalStateException} on truncated input (callers turn it into a corruption report). */
    static final class In {
        final byte[] b;
        int pos;
        final int end;

        In(byte[] b) {
            this(b, 0, b.length);
        }

        In(byte[] b, int off, int len) {
            this.b = b;
            this.pos = off;
            this.end = off + len;
        }

        boolean hasMore() {
            return pos < end;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("truncated varint");
                }
                int x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalStateException("malformed varint");
        }

        int varint() {
            long v = varlong();
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException("varint out of range: " + v);
            }
            return (int) v;
        }

        byte[] bytes(int n) {
            if (n < 0 || pos + n > end) {
                throw new IllegalStateException("truncated: need " + n + " bytes at " + pos);
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] lengthPrefixed() {
            return bytes(varint());
        }

        int u8() {
            if (pos >= end) {
                throw new IllegalStateException("truncated byte");
            }
            return b[pos++] & 0xff;
        }

        long fixedLong() {
            if (pos + 8 > end) {
                throw new IllegalStateException("truncated long");
            }
            long v = getLong(b, pos);
            pos += 8;
            return v;
        }
    }
}
