package dev.oxistore.bench.driver;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ConcurrentHashMap} on the heap, sized up front: the ceiling for point operations on this
 * JVM (a key is wrapped so byte arrays compare by content). Point operations only.
 */
final class HashMapPeer extends FixedPeer {

    HashMapPeer() {
        super("chm", Kind.HASH_IN_MEMORY);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        return new MapDriver(new ConcurrentHashMap<>((int) Math.min(1 << 30, config.expectedKeys() * 4 / 3 + 16)));
    }

    /** A byte-array key compared by content, its hash computed once. */
    private record Key(byte[] bytes, int hash) {

        static Key of(byte[] bytes) {
            return new Key(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record MapDriver(ConcurrentHashMap<Key, byte[]> map) implements PointDriver {

        @Override
        public void put(byte[] key, byte[] value) {
            map.put(Key.of(key), value);
        }

        @Override
        public byte[] get(byte[] key) {
            return map.get(Key.of(key));
        }

        @Override
        public void delete(byte[] key) {
            map.remove(Key.of(key));
        }

        @Override
        public String mapName() {
            return "ConcurrentHashMap";
        }

        @Override
        public void close() {
            map.clear();
        }
    }
}
