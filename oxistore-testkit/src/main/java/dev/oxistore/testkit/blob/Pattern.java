package dev.oxistore.testkit.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Generated, position-dependent bytes: the byte at position {@code p} of pattern {@code seed} is
 * a function of both, so a stream of any length needs no memory and a byte read from the wrong
 * offset, object or version is caught. Also {@link #stream} and {@link #check} for verification.
 */
public final class Pattern {

    private Pattern() {
    }

    /** The byte at {@code position} of pattern {@code seed}. */
    public static byte at(long seed, long position) {
        return (byte) (mix(seed, position >>> 3) >>> ((position & 7) * 8));
    }

    /** {@code length} bytes of pattern {@code seed} from position 0. */
    public static byte[] bytes(long seed, int length) {
        byte[] b = new byte[length];
        fill(seed, 0, b, 0, length);
        return b;
    }

    /** A stream of {@code length} bytes of pattern {@code seed}, in reads of at most {@code maxRead} bytes. */
    public static InputStream stream(long seed, long length, int maxRead) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                if (pos >= length) {
                    return -1;
                }
                return at(seed, pos++) & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= length) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, maxRead), length - pos);
                fill(seed, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** A stream of {@code length} bytes of pattern {@code seed}. */
    public static InputStream stream(long seed, long length) {
        return stream(seed, length, Integer.MAX_VALUE);
    }

    /**
     * Reads {@code in} to its end and returns null when it held exactly {@code length} bytes of
     * pattern {@code seed} starting at position {@code from}, else a description of the first difference.
     */
    public static String check(InputStream in, long seed, long from, long length) {
        byte[] buf = new byte[1 << 16];
        byte[] want = new byte[buf.length];
        long pos = 0;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (pos + n > length) {
                    return "more than the expected " + length + " bytes";
                }
                fill(seed, from + pos, want, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buf[i] != want[i]) {
                        return "byte " + (pos + i) + " is " + buf[i] + ", expected " + want[i] + " (pattern " + seed + ")";
                    }
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pos == length ? null : "only " + pos + " of " + length + " bytes";
    }

    /** Writes {@code n} bytes of pattern {@code seed} from {@code position} into {@code b[off..]}. */
    public static void fill(long seed, long position, byte[] b, int off, int n) {
        int i = 0;
        long p = position;
        while (i < n && (p & 7) != 0) {
            b[off + i++] = at(seed, p++);
        }
        while (n - i >= 8) {
            long w = mix(seed, p >>> 3);
            for (int k = 0; k < 8; k++) {
                b[off + i + k] = (byte) (w >>> (k * 8));
            }
            i += 8;
            p += 8;
        }
        while (i < n) {
            b[off + i++] = at(seed, p++);
        }
    }

    private static long mix(long seed, long word) {
        long z = seed * 0x9E3779B97F4A7C15L + word * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
