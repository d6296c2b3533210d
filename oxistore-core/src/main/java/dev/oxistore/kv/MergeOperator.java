package dev.oxistore.kv;

import java.nio.ByteBuffer;

/**
 * Combines a merge operand into a key's existing value (for counters, appends, sets) so callers
 * need no read-modify-write loop. Configured per store in {@link StoreConfig}; must be a pure,
 * deterministic, thread-safe function, since engines may apply it at write time, read time or
 * during compaction.
 */
@FunctionalInterface
public interface MergeOperator {

    /**
     * The merged value.
     *
     * @param key      the key being merged
     * @param existing the current value, or {@code null} when the key is absent or expired
     * @param operand  the operand given to {@code merge}
     * @return the new value, never null
     */
    byte[] merge(byte[] key, byte[] existing, byte[] operand);

    /** Adds signed 64-bit big-endian integers; an absent value counts as zero. */
    static MergeOperator int64Add() {
        return (key, existing, operand) -> {
            if (operand.length != Long.BYTES || (existing != null && existing.length != Long.BYTES)) {
                throw new InvalidArgumentException("int64Add merges 8-byte big-endian longs; got operand of "
                        + operand.length + " bytes and value of " + (existing == null ? 0 : existing.length));
            }
            long base = existing == null ? 0 : ByteBuffer.wrap(existing).getLong();
            return ByteBuffer.allocate(Long.BYTES).putLong(base + ByteBuffer.wrap(operand).getLong()).array();
        };
    }

    /** Appends the operand to the existing value, with no separator. */
    static MergeOperator append() {
        return (key, existing, operand) -> {
            if (existing == null) {
                return operand.clone();
            }
            byte[] out = java.util.Arrays.copyOf(existing, existing.length + operand.length);
            System.arraycopy(operand, 0, out, existing.length, operand.length);
            return out;
        };
    }
}
