package dev.oxistore.kv.typed;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.Keyspace;
import java.time.Duration;

/**
 * A typed view of a {@link Keyspace}: keys through a {@link KeyCodec}, values through a
 * {@link ValueCodec}. Every call encodes its arguments and makes exactly one call on the
 * keyspace, so atomicity, durability, TTL, thread-safety and the behaviour after close are the
 * keyspace's; nothing is cached and scans stay lazy.
 *
 * <p>The view assumes every entry of the keyspace was written with its codecs: an entry that is
 * not raises {@link CorruptionException} when read. Keep other data in another keyspace.
 * {@link #keyspace()} gives the byte API for what this view does not cover (batches,
 * transactions, snapshots, watches), and {@link TypedRange#toKeyRange} turns typed ranges into
 * byte ranges there.
 *
 * <pre>{@code
 * KeyCodec<Tuple2<String, Long>> keys = KeyCodecs.tuple(KeyCodecs.utf8(), KeyCodecs.int64());
 * var orders = TypedKvStore.of(store.keyspace("orders"), keys, ValueCodecs.utf8());
 * orders.put(new Tuple2<>("alice", 42L), "book");
 * try (var c = orders.scan(TypedRange.prefix(keys, KeyCodecs.utf8(), "alice").reversed())) {
 *     c.forEachRemaining(e -> System.out.println(e.key().second() + " " + e.value()));
 * }
 * }</pre>
 */
public final class TypedKvStore<K, V> {

    private final Keyspace keyspace;
    private final KeyCodec<K> keys;
    private final ValueCodec<V> values;

    private TypedKvStore(Keyspace keyspace, KeyCodec<K> keys, ValueCodec<V> values) {
        this.keyspace = keyspace;
        this.keys = keys;
        this.values = values;
    }

    /**
     * A typed view of {@code keyspace} (a {@link dev.oxistore.kv.KvStore} is its default keyspace).
     *
     * @throws InvalidArgumentException when an argument is null
     */
    public static <K, V> TypedKvStore<K, V> of(Keyspace keyspace, KeyCodec<K> keys, ValueCodec<V> values) {
        if (keyspace == null || keys == null || values == null) {
            throw new InvalidArgumentException("TypedKvStore.of needs a keyspace, a key codec and a value codec, got "
                    + keyspace + ", " + keys + ", " + values);
        }
        return new TypedKvStore<>(keyspace, keys, values);
    }

    /** The value of {@code key}, or {@code null} when it is absent or expired. */
    public V get(K key) {
        byte[] value = keyspace.get(encodeKey(key));
        return value == null ? null : decodeValue(value);
    }

    /** True when {@code key} is present and not expired. */
    public boolean contains(K key) {
        return keyspace.contains(encodeKey(key));
    }

    /** Sets {@code key} to {@code value}, with no expiry. */
    public void put(K key, V value) {
        keyspace.put(encodeKey(key), encodeValue(value));
    }

    /**
     * Sets {@code key} to {@code value}, expiring after {@code ttl}.
     *
     * @throws InvalidArgumentException when {@code ttl} is null, zero or negative
     * @throws dev.oxistore.kv.UnsupportedFeatureException when the engine lacks TTL
     */
    public void put(K key, V value, Duration ttl) {
        keyspace.put(encodeKey(key), encodeValue(value), ttl);
    }

    /** Removes {@code key}; removing an absent key does nothing. */
    public void delete(K key) {
        keyspace.delete(encodeKey(key));
    }

    /**
     * Atomically replaces the value of {@code key} when its stored bytes equal the encoding of
     * {@code expected}: {@code expected == null} means "only if absent (or expired)",
     * {@code next == null} means "delete". Values compare by encoding, which is value equality for
     * codecs with one encoding per value, as all of {@link ValueCodecs} have.
     *
     * @return true when the swap happened
     */
    public boolean compareAndSet(K key, V expected, V next) {
        return keyspace.compareAndSet(encodeKey(key),
                expected == null ? null : encodeValue(expected),
                next == null ? null : encodeValue(next));
    }

    /** A lazy cursor over every entry, in key order. Close it. */
    public TypedCursor<K, V> scan() {
        return scan(TypedRange.all());
    }

    /**
     * A lazy cursor over the entries in {@code range}, in the range's direction. Close it.
     *
     * @throws InvalidArgumentException when {@code range} is null, inverted or does not fit the key codec
     */
    public TypedCursor<K, V> scan(TypedRange<K> range) {
        if (range == null) {
            throw new InvalidArgumentException("range is null: use scan() or TypedRange.all() for every key");
        }
        return new TypedCursor<>(keyspace.scan(range.toKeyRange(keys)), this);
    }

    /** The number of live keys in the keyspace. */
    public long count() {
        return keyspace.count();
    }

    /** The keyspace this view reads and writes. */
    public Keyspace keyspace() {
        return keyspace;
    }

    /** The key codec. */
    public KeyCodec<K> keyCodec() {
        return keys;
    }

    /** The value codec. */
    public ValueCodec<V> valueCodec() {
        return values;
    }

    TypedEntry<K, V> decode(KvEntry entry) {
        K key;
        try {
            key = keys.decode(entry.key());
        } catch (CorruptionException e) {
            throw foreign(e);
        }
        return new TypedEntry<>(key, decodeValue(entry.value()));
    }

    private byte[] encodeKey(K key) {
        if (key == null) {
            throw new InvalidArgumentException("key is null: keys are non-null");
        }
        byte[] k = keys.encode(key);
        if (k == null) {
            throw new InvalidArgumentException(keys + " returned null for key " + Text.show(key) + ": a KeyCodec must return an encoding");
        }
        return k;
    }

    private byte[] encodeValue(V value) {
        if (value == null) {
            throw new InvalidArgumentException("value is null: use delete(key) to remove a key");
        }
        byte[] v = values.encode(value);
        if (v == null) {
            throw new InvalidArgumentException(values + " returned null for value " + Text.show(value) + ": a ValueCodec must return an encoding");
        }
        return v;
    }

    private V decodeValue(byte[] value) {
        try {
            return values.decode(value);
        } catch (CorruptionException e) {
            throw foreign(e);
        }
    }

    private CorruptionException foreign(CorruptionException e) {
        return new CorruptionException("keyspace '" + keyspace.name() + "' holds an entry its typed view cannot decode: "
                + e.getMessage() + ". Every entry of a keyspace used through TypedKvStore must be written with its codecs", e);
    }

    @Override
    public String toString() {
        return "TypedKvStore[" + keyspace.name() + ", " + keys + ", " + values + "]";
    }
}
