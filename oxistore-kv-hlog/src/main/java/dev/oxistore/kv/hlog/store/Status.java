package dev.oxistore.kv.hlog.store;

/** Outcome of a session operation. */
public enum Status {
    /** Done: a read found the key (its value is in the session), a write was applied. */
    OK,
    /** A read or delete found no live record for the key. */
    NOT_FOUND,
    /** The record is on disk: the operation completes in {@link Session#completePending}. */
    PENDING
}
