package dev.oxistore.kv;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One key and its value, as a cursor yields it. The arrays belong to the caller: engines hand
 * out copies, so changing them never changes the store.
 */
public record KvEntry(byte[] key, byte[] value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof KvEntry(byte[] k, byte[] v) && Arrays.equals(key, k) && Arrays.equals(value, v);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "KvEntry[" + hex.formatHex(key) + "=" + hex.formatHex(value) + "]";
    }
}
