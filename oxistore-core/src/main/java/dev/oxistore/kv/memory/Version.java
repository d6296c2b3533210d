package dev.oxistore.kv.memory;

/**
 * One version of a key: the value (null for a tombstone) and expiry written by commit
 * {@link #seq}, linked to the next older version. Immutable except {@link #next}, which the
 * committer cuts (under the commit lock) when older versions become unreachable; readers that
 * race with a cut either still see the old tail or see the end, never a wrong version.
 */
final class Version {

    final long seq;
    final byte[] value;
    final long expiresAt;
    volatile Version next;

    Version(long seq, byte[] value, long expiresAt, Version next) {
        this.seq = seq;
        this.value = value;
        this.expiresAt = expiresAt;
        this.next = next;
    }

    boolean isTombstone() {
        return value == null;
    }

    /** True for a value (not a tombstone) that has not expired at {@code nowMillis}. */
    boolean isLiveAt(long nowMillis) {
        return value != null && expiresAt > nowMillis;
    }
}
