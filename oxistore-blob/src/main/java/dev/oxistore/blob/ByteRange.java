package dev.oxistore.blob;

import dev.oxistore.kv.InvalidArgumentException;

/**
 * A byte range of an object: {@code length} bytes from {@code offset}. Like an HTTP range, a range
 * that runs past the end is cut at the end; a range that starts past the end is an error.
 *
 * @param offset the first byte, from 0
 * @param length how many bytes at most; {@link Long#MAX_VALUE} for "to the end"
 */
public record ByteRange(long offset, long length) {

    /** Checks the bounds. */
    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new InvalidArgumentException("a byte range needs offset >= 0 and length >= 0, got offset "
                    + offset + " and length " + length);
        }
    }

    /** {@code length} bytes from {@code offset}. */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    /** From {@code offset} to the end of the object. */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, Long.MAX_VALUE);
    }

    /** The whole object. */
    public static ByteRange all() {
        return new ByteRange(0, Long.MAX_VALUE);
    }

    /**
     * This range cut to an object of {@code size} bytes.
     *
     * @throws InvalidArgumentException when the range starts past the end
     */
    public ByteRange within(long size, String key) {
        if (offset > size) {
            throw new InvalidArgumentException("range starts at byte " + offset + " but '" + key + "' has only "
                    + size + " bytes; ask for an offset up to its size (see head())");
        }
        return new ByteRange(offset, Math.min(length, size - offset));
    }
}
