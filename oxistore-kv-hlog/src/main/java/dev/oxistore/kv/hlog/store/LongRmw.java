package dev.oxistore.kv.hlog.store;

/** A read-modify-write function over 8-byte values (e.g. a counter's add). Must be pure. */
@FunctionalInterface
public interface LongRmw {
    /** The new value from the current one; {@code present} is false when the key is absent ({@code current} is 0). */
    long apply(long current, boolean present);
}
