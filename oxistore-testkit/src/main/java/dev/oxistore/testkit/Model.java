package dev.oxistore.testkit;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference a store is checked against: per keyspace, a {@link TreeMap} ordered by
 * {@link Arrays#compareUnsigned} of cells holding a value and an expiry instant. Deliberately
 * naive, so its correctness is evident: expiry is judged at read time against the clock, a merge
 * is {@code int64Add}, and every write is applied in program order.
 */
final class Model {

    /** A stored value and the instant (epoch millis) from which it is expired, or {@link #NEVER}. */
    record Cell(byte[] value, long expiresAt) {
        boolean liveAt(long now) {
            return expiresAt > now;
        }
    }

    static final long NEVER = Long.MAX_VALUE;

    private static final NavigableMap<byte[], Cell> EMPTY = Collections.unmodifiableNavigableMap(new TreeMap<>(Bytes.ORDER));

    private final Map<String, TreeMap<byte[], Cell>> spaces = new TreeMap<>();

    /** A deep copy (cells are immutable, so the maps are what gets copied). */
    Model copy() {
        Model m = new Model();
        spaces.forEach((name, map) -> m.spaces.put(name, new TreeMap<>(map)));
        return m;
    }

    private TreeMap<byte[], Cell> space(String ks) {
        return spaces.computeIfAbsent(ks, k -> new TreeMap<>(Bytes.ORDER));
    }

    private NavigableMap<byte[], Cell> existing(String ks) {
        TreeMap<byte[], Cell> map = spaces.get(ks);
        return map == null ? EMPTY : map;
    }

    /** The live cell of {@code key}, or null. */
    Cell live(String ks, byte[] key, long now) {
        Cell c = existing(ks).get(key);
        return c != null && c.liveAt(now) ? c : null;
    }

    byte[] get(String ks, byte[] key, long now) {
        Cell c = live(ks, key, now);
        return c == null ? null : c.value();
    }

    void put(String ks, byte[] key, byte[] value, long expiresAt) {
        space(ks).put(key.clone(), new Cell(value.clone(), expiresAt));
    }

    void delete(String ks, byte[] key) {
        TreeMap<byte[], Cell> map = spaces.get(ks);
        if (map != null) {
            map.remove(key);
        }
    }

    /** int64Add into {@code key}: an absent or expired key counts as zero and gets no expiry. */
    void merge(String ks, byte[] key, long operand, long now) {
        Cell c = live(ks, key, now);
        long base = c == null ? 0 : ByteBuffer.wrap(c.value()).getLong();
        put(ks, key, Kit.i64(base + operand), c == null ? NEVER : c.expiresAt());
    }

    /** compareAndSet as the contract describes it; returns whether the swap happened. */
    boolean cas(String ks, byte[] key, byte[] expected, byte[] next, long now) {
        Cell c = live(ks, key, now);
        boolean matches = expected == null ? c == null : c != null && Arrays.equals(c.value(), expected);
        if (!matches) {
            return false;
        }
        if (next == null) {
            delete(ks, key);
        } else {
            put(ks, key, next, NEVER);
        }
        return true;
    }

    boolean expire(String ks, byte[] key, long ttlMillis, long now) {
        Cell c = live(ks, key, now);
        if (c == null) {
            return false;
        }
        put(ks, key, c.value(), now + ttlMillis);
        return true;
    }

    boolean persist(String ks, byte[] key, long now) {
        Cell c = live(ks, key, now);
        if (c == null || c.expiresAt() == NEVER) {
            return false;
        }
        put(ks, key, c.value(), NEVER);
        return true;
    }

    /** Milliseconds left, empty when absent, expired or without expiry. */
    Optional<Long> ttl(String ks, byte[] key, long now) {
        Cell c = live(ks, key, now);
        return c == null || c.expiresAt() == NEVER ? Optional.empty() : Optional.of(c.expiresAt() - now);
    }

    List<KvEntry> scan(String ks, KeyRange range, long now) {
        List<KvEntry> out = new ArrayList<>();
        for (Map.Entry<byte[], Cell> en : existing(ks).entrySet()) {
            if (range.contains(en.getKey()) && en.getValue().liveAt(now)) {
                out.add(new KvEntry(en.getKey().clone(), en.getValue().value().clone()));
            }
        }
        return range.isReverse() ? out.reversed() : out;
    }

    long count(String ks, long now) {
        return existing(ks).values().stream().filter(c -> c.liveAt(now)).count();
    }

    /** True when {@code ks} holds a live key. */
    boolean hasLive(String ks, long now) {
        return count(ks, now) > 0;
    }

    /** Entries present but expired, in every keyspace: what purgeExpired may remove. */
    long expiredCount(long now) {
        return spaces.values().stream().flatMap(m -> m.values().stream()).filter(c -> !c.liveAt(now)).count();
    }

    /** Removes expired entries (no visible change). */
    void purge(long now) {
        spaces.values().forEach(m -> m.values().removeIf(c -> !c.liveAt(now)));
    }

    void drop(String ks) {
        spaces.remove(ks);
    }

    /** The names of keyspaces the model has ever held entries in since their last drop. */
    List<String> names() {
        List<String> names = new ArrayList<>(spaces.keySet());
        if (!names.contains(KvStore.DEFAULT_KEYSPACE)) {
            names.add(KvStore.DEFAULT_KEYSPACE);
        }
        return names;
    }
}
