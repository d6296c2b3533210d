package dev.oxistore.kv.spi;

import dev.oxistore.kv.StoreConfig;
import java.util.Arrays;

/**
 * The checked, copied arguments of {@code compareAndSet}, and the rules every engine applies to
 * them, so engines differ only in how they read the current value and write atomically.
 *
 * @param key      a copy of the key
 * @param expected a copy of the expected value, or {@code null} for "absent"
 * @param next     a copy of the new value, or {@code null} to delete
 */
public record CasRequest(byte[] key, byte[] expected, byte[] next) {

    /**
     * Checks the key and the new value against {@code config} and copies all three, so a caller
     * that changes its arrays afterwards changes nothing in the store.
     */
    public static CasRequest of(byte[] key, byte[] expected, byte[] next, StoreConfig config) {
        Checks.checkKey(key, config);
        if (next != null) {
            Checks.checkValue(next, config);
        }
        return new CasRequest(key.clone(), expected == null ? null : expected.clone(), next == null ? null : next.clone());
    }

    /** Whether the live value (or {@code null} when the key is absent or expired) is the expected one. */
    public boolean matches(byte[] current) {
        return expected == null ? current == null : current != null && Arrays.equals(current, expected);
    }

    /** Whether the live value (or {@code null}) is the expected one. */
    public boolean matches(TimedValue current) {
        return matches(current == null ? null : current.value());
    }

    /** Whether the swap deletes the key. */
    public boolean deletes() {
        return next == null;
    }

    /** Counts a finished compare-and-set: one read, and a write or delete when it swapped; returns {@code swapped}. */
    public boolean record(boolean swapped, MetricsRecorder metrics) {
        metrics.read();
        if (swapped) {
            if (next == null) {
                metrics.delete();
            } else {
                metrics.write();
            }
        }
        return swapped;
    }
}
