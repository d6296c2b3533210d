package dev.oxistore.kv;

import java.util.Arrays;

/**
 * A range of keys to scan: from {@code from} (inclusive) to {@code to} (exclusive), either bound
 * open when {@code null}, in ascending order unless {@link #reversed()}. Bounds are copied, so
 * the caller may reuse its arrays.
 *
 * <p>Rules: {@code between(a, a)} is empty; {@code between(a, b)} with {@code a > b} is rejected
 * as an error rather than silently empty; {@code prefix(p)} for a prefix of {@code 0xFF} bytes has
 * no upper bound and still returns exactly the keys that start with {@code p}.
 */
public final class KeyRange {

    private static final KeyRange ALL = new KeyRange(null, null, false);

    private final byte[] from;
    private final byte[] to;
    private final boolean reverse;

    private KeyRange(byte[] from, byte[] to, boolean reverse) {
        this.from = from;
        this.to = to;
        this.reverse = reverse;
    }

    /** Every key, ascending. */
    public static KeyRange all() {
        return ALL;
    }

    /** Keys that start with {@code prefix}, ascending; an empty prefix means every key. */
    public static KeyRange prefix(byte[] prefix) {
        requireBound(prefix, "prefix");
        return new KeyRange(prefix.clone(), Bytes.prefixEnd(prefix), false);
    }

    /**
     * Keys in {@code [from, to)}, ascending.
     *
     * @throws InvalidArgumentException when a bound is null or {@code from > to}
     */
    public static KeyRange between(byte[] from, byte[] to) {
        requireBound(from, "from");
        requireBound(to, "to");
        if (Bytes.compare(from, to) > 0) {
            throw new InvalidArgumentException("inverted range: from " + Bytes.hex(from) + " > to " + Bytes.hex(to)
                    + "; swap the bounds, and use reversed() for a descending scan");
        }
        return new KeyRange(from.clone(), to.clone(), false);
    }

    /** Keys greater than or equal to {@code from}, ascending. */
    public static KeyRange atLeast(byte[] from) {
        requireBound(from, "from");
        return new KeyRange(from.clone(), null, false);
    }

    /** Keys less than {@code to}, ascending. */
    public static KeyRange lessThan(byte[] to) {
        requireBound(to, "to");
        return new KeyRange(null, to.clone(), false);
    }

    /** The same keys in the opposite order. */
    public KeyRange reversed() {
        return new KeyRange(from, to, !reverse);
    }

    /** The inclusive lower bound (a copy), or {@code null} when open. */
    public byte[] from() {
        return from == null ? null : from.clone();
    }

    /** The exclusive upper bound (a copy), or {@code null} when open. */
    public byte[] to() {
        return to == null ? null : to.clone();
    }

    /** True when keys come in descending order. */
    public boolean isReverse() {
        return reverse;
    }

    /** True when no key can fall in this range. */
    public boolean isEmpty() {
        return from != null && to != null && Bytes.compare(from, to) >= 0;
    }

    /** True when {@code key} lies within the bounds. */
    public boolean contains(byte[] key) {
        return (from == null || Bytes.compare(key, from) >= 0) && (to == null || Bytes.compare(key, to) < 0);
    }

    /** True when {@code key} is below the lower bound. */
    public boolean isBelow(byte[] key) {
        return from != null && Bytes.compare(key, from) < 0;
    }

    /** True when {@code key} is at or past the upper bound. */
    public boolean isAbove(byte[] key) {
        return to != null && Bytes.compare(key, to) >= 0;
    }

    private static void requireBound(byte[] b, String name) {
        if (b == null) {
            throw new InvalidArgumentException("range bound '" + name + "' is null: use KeyRange.all(), atLeast() or lessThan() for an open range");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange r && reverse == r.reverse && Arrays.equals(from, r.from) && Arrays.equals(to, r.to);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(from) + Arrays.hashCode(to)) + Boolean.hashCode(reverse);
    }

    @Override
    public String toString() {
        return "KeyRange[" + (from == null ? "-inf" : Bytes.hex(from)) + ", "
                + (to == null ? "+inf" : Bytes.hex(to)) + ")" + (reverse ? " reversed" : "");
    }
}
