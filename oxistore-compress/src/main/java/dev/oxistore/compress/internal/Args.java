package dev.oxistore.compress.internal;

import dev.oxistore.compress.Codec;
import dev.oxistore.compress.CodecArgumentException;
import dev.oxistore.compress.CorruptInputException;
import dev.oxistore.compress.OutputTooSmallException;
import dev.oxistore.compress.UnsupportedFeatureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.OptionalLong;

/** Argument checks shared by every codec, and the allocating decompress of {@link Codec}. */
public final class Args {

    private Args() {
    }

    /** Throws {@link CodecArgumentException} naming {@code what} if {@code o} is null. */
    public static <T> T notNull(String codec, T o, String what) {
        if (o == null) {
            throw new CodecArgumentException(codec, what + " must not be null");
        }
        return o;
    }

    /** Checks that {@code [offset, offset + length)} lies inside {@code array}. */
    public static void range(String codec, byte[] array, int offset, int length, String what) {
        notNull(codec, array, what);
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new CodecArgumentException(codec, what + " range [" + offset + ", " + offset + " + " + length
                    + ") is outside the array of length " + array.length);
        }
    }

    /** Throws {@link CorruptInputException}. */
    public static CorruptInputException corrupt(String codec, String message) {
        return new CorruptInputException(codec, message);
    }

    /** Throws {@link OutputTooSmallException} for a destination of {@code capacity} bytes. */
    public static OutputTooSmallException tooSmall(String codec, int capacity) {
        return new OutputTooSmallException(codec, "the output does not fit in the destination of " + capacity
                + " bytes; pass a larger destination (or the exact uncompressed size, if known)");
    }

    /**
     * Decompresses all of {@code src} into a new exact-size array of at most {@code maxLength}
     * bytes: by the declared length when the format records one, through the codec's stream when
     * that reads the same format, and otherwise by retrying with a growing buffer.
     */
    public static byte[] decompressToArray(Codec codec, byte[] src, int maxLength, boolean byStream) {
        notNull(codec.name(), src, "src");
        if (maxLength < 0) {
            throw new CodecArgumentException(codec.name(), "maxLength must be >= 0, was " + maxLength);
        }
        OptionalLong declared = codec.decompressedLength(src, 0, src.length);
        if (declared.isPresent()) {
            long n = declared.getAsLong();
            if (n > maxLength) {
                throw new OutputTooSmallException(codec.name(), "the input declares " + n
                        + " uncompressed bytes, more than the limit of " + maxLength);
            }
            byte[] dst = new byte[(int) n];
            int got = codec.decompress(src, 0, src.length, dst, 0, dst.length);
            return got == dst.length ? dst : Arrays.copyOf(dst, got);
        }
        if (byStream) {
            try {
                return readAll(codec, codec.decompressingStream(new java.io.ByteArrayInputStream(src)), maxLength);
            } catch (UnsupportedFeatureException e) {
                // A limit of the stream decoder (such as its window size), not of the format: the
                // one-shot decoder below has no such limit.
            }
        }
        int cap = (int) Math.min(maxLength, Math.max(256L, src.length * 4L));
        while (true) {
            byte[] dst = new byte[cap];
            try {
                int got = codec.decompress(src, 0, src.length, dst, 0, cap);
                return Arrays.copyOf(dst, got);
            } catch (OutputTooSmallException e) {
                if (cap >= maxLength) {
                    throw new OutputTooSmallException(codec.name(),
                            "the input decodes to more than the limit of " + maxLength + " bytes");
                }
                cap = (int) Math.min(maxLength, cap * 2L);
            }
        }
    }

    private static byte[] readAll(Codec codec, InputStream in, int maxLength) {
        byte[] buf = new byte[Math.min(maxLength, 8192)];
        int n = 0;
        try (in) {
            while (true) {
                if (n == buf.length) {
                    if (n == maxLength) {
                        if (in.read() < 0) {
                            return buf;
                        }
                        throw new OutputTooSmallException(codec.name(),
                                "the input decodes to more than the limit of " + maxLength + " bytes");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(maxLength, buf.length * 2L));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return n == buf.length ? buf : Arrays.copyOf(buf, n);
                }
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream never fails
        }
    }
}
