package dev.oxistore.kv;

/**
 * Stable error codes carried by every {@link StoreException}. The numbers never change between
 * releases, so logs and monitoring can match on them.
 */
public enum ErrorCode {
    /** A key, value, range, name or option is not acceptable. */
    INVALID_ARGUMENT(1),
    /** A store, keyspace or backup that was asked for does not exist. */
    NOT_FOUND(2),
    /** Stored bytes failed a checksum or structural check. */
    CORRUPTION(3),
    /** A transaction lost a write-write race; retrying it may succeed. */
    CONFLICT(4),
    /** A write was attempted on a store opened read-only. */
    READ_ONLY(5),
    /** The store, snapshot, transaction or cursor was already closed. */
    CLOSED(6),
    /** A configured limit (memory, disk, quota) was reached. */
    CAPACITY(7),
    /** The engine does not offer the requested capability. */
    UNSUPPORTED(8),
    /** The operating system reported an I/O failure. */
    IO(9),
    /** The engine module for the requested kind is not on the class or module path. */
    ENGINE_UNAVAILABLE(10),
    /** The path holds a store written by another engine. */
    WRONG_ENGINE(11),
    /** Another process or store instance holds the store's lock. */
    LOCKED(12);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The stable numeric code. */
    public int code() {
        return code;
    }
}
