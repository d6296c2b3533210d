package dev.oxistore.kv.memory;

import dev.oxistore.kv.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The keys of one keyspace whose newest version is a value with an expiry, ordered by expiry
 * time: it makes {@code count()} subtract expired-but-unpurged keys without a scan (free when no
 * key has a time to live) and lets {@code purgeExpired()} find expired keys directly. Changed
 * under the commit lock only; read lock-free.
 */
final class ExpiryIndex {

    /** One indexed key and the time its newest version expires (compared by {@link #ORDER}, not equals). */
    record Entry(long expiresAt, byte[] key) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::expiresAt)
            .thenComparing(Entry::key, Bytes.ORDER);

    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(ORDER);

    void add(long expiresAt, byte[] key) {
        entries.add(new Entry(expiresAt, key));
    }

    void remove(long expiresAt, byte[] key) {
        entries.remove(new Entry(expiresAt, key));
    }

    boolean contains(long expiresAt, byte[] key) {
        return entries.contains(new Entry(expiresAt, key));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** How many indexed keys have expired at {@code nowMillis}: O(1) when none has a ttl, else O(expired). */
    long expiredCount(long nowMillis) {
        if (entries.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (Entry e : entries) {
            if (e.expiresAt() > nowMillis) {
                break;
            }
            n++;
        }
        return n;
    }

    /** The keys expired at {@code nowMillis}, oldest expiry first (a copy, so the caller may purge). */
    List<Entry> expired(long nowMillis) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.expiresAt() > nowMillis) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    void clear() {
        entries.clear();
    }
}
