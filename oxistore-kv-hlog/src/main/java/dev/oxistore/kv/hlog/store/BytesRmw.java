package dev.oxistore.kv.hlog.store;

/** A read-modify-write function over byte values. Must be pure and must not keep {@code current}. */
@FunctionalInterface
public interface BytesRmw {
    /** The new value from the current one ({@code null} when absent); never return {@code null}. */
    byte[] apply(byte[] current);
}
