package dev.oxistore.kv.lsm;

import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.lsm.format.InternalKey;
import dev.oxistore.kv.spi.Expiry;
import dev.oxistore.kv.spi.Merges;
import dev.oxistore.kv.spi.TimedValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one user key a reader collected, newest first, and what they add up to: the
 * newest put or delete decides, unless merges come first, in which case their operands are
 * applied (oldest first) to the value below them (a put's value; nothing under a delete, a
 * {@link InternalKey#MERGE_BASE} or the end of the history). A merged value carries the expiry its
 * newest merge recorded when it was made (the expiry of the value it merged into).
 */
final class Versions {

    final List<byte[]> keys = new ArrayList<>(4);
    final List<byte[]> values = new ArrayList<>(4);

    void add(byte[] ikey, byte[] value) {
        keys.add(ikey);
        values.add(value);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    void clear() {
        keys.clear();
        values.clear();
    }

    /** Reverses the order (a reverse scan collects oldest first). */
    void reverse() {
        java.util.Collections.reverse(keys);
        java.util.Collections.reverse(values);
    }

    static boolean terminal(int type) {
        return type != InternalKey.MERGE;
    }

    /** True when the last version collected ends the history a read needs. */
    boolean complete() {
        return !keys.isEmpty() && terminal(InternalKey.type(keys.getLast()));
    }

    /** The live value, or null when absent or expired at {@code nowMillis}. */
    TimedValue resolve(StoreConfig config, byte[] userKey, long nowMillis) {
        TimedValue v = resolveIgnoringExpiry(config, userKey);
        return v == null || Expiry.isExpired(v.expiresAt(), nowMillis) ? null : v;
    }

    /** The value whatever its expiry, or null when deleted or absent. */
    TimedValue resolveIgnoringExpiry(StoreConfig config, byte[] userKey) {
        if (keys.isEmpty()) {
            return null;
        }
        int type = InternalKey.type(keys.getFirst());
        byte[] first = values.getFirst();
        if (type == InternalKey.DELETE) {
            return null;
        }
        long expiresAt = InternalKey.expiresAt(first);
        if (type == InternalKey.PUT) {
            return new TimedValue(InternalKey.payload(first), expiresAt);
        }
        return new TimedValue(fold(config, userKey, 0, keys.size()), expiresAt);
    }

    /** Applies the merge chain starting at index {@code from} (a merge) to its base, within {@code [from, to)}. */
    byte[] fold(StoreConfig config, byte[] userKey, int from, int to) {
        List<byte[]> operands = new ArrayList<>();
        byte[] base = null;
        for (int i = from; i < to; i++) {
            int t = InternalKey.type(keys.get(i));
            if (t == InternalKey.MERGE) {
                operands.add(InternalKey.payload(values.get(i)));
                continue;
            }
            if (t == InternalKey.MERGE_BASE) {
                operands.add(InternalKey.payload(values.get(i)));
            } else if (t == InternalKey.PUT) {
                base = InternalKey.payload(values.get(i));
            }
            break;
        }
        byte[] value = base;
        for (int i = operands.size() - 1; i >= 0; i--) {
            value = Merges.apply(config, userKey, value, operands.get(i));
        }
        return value;
    }
}
