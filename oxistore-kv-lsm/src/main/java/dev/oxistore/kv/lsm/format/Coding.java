package dev.oxistore.kv.lsm.format;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32C;

/** Varints, fixed-width big-endian integers and CRC32C, as every on-disk format of the engine uses them. */
public final class Coding {

    private Coding() {
    }

    public static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    public static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    public static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xffffffffL);
    }

    /** A growable byte buffer with varint writers. */
    public static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        public Out(int size) {
            super(size);
        }

        public Out varlong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
            return this;
        }

        public Out varint(int v) {
            return varlong(v & 0xffffffffL);
        }

        public Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        public Out bytes(byte[] b, int off, int len) {
            write(b, off, len);
            return this;
        }

        public Out lengthPrefixed(byte[] b) {
            return varint(b.length).bytes(b);
        }

        public Out fixedInt(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
            return this;
        }

        public Out fixedLong(long v) {
            return fixedInt((int) (v >>> 32)).fixedInt((int) v);
        }

        public byte[] buffer() {
            return buf;
        }

        public int length() {
            return count;
        }
    }

    /** A reader over a byte range; raises {@link IllegalStateException} on truncated input (callers turn it into a corruption report). */
    public static final class In {
        final byte[] b;
        int pos;
        final int end;

        public In(byte[] b) {
            this(b, 0, b.length);
        }

        public In(byte[] b, int off, int len) {
            this.b = b;
            this.pos = off;
            this.end = off + len;
        }

        public boolean hasMore() {
            return pos < end;
        }

        public long varlong() {
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

        public int varint() {
            long v = varlong();
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException("varint out of range: " + v);
            }
            return (int) v;
        }

        public byte[] bytes(int n) {
            if (n < 0 || pos + n > end) {
                throw new IllegalStateException("truncated: need " + n + " bytes at " + pos);
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        public byte[] lengthPrefixed() {
            return bytes(varint());
        }

        public int u8() {
            if (pos >= end) {
                throw new IllegalStateException("truncated byte");
            }
            return b[pos++] & 0xff;
        }

        public long fixedLong() {
            if (pos + 8 > end) {
                throw new IllegalStateException("truncated long");
            }
            long v = getLong(b, pos);
            pos += 8;
            return v;
        }
    }
}
