package dev.oxistore.bench.driver;

import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Chronicle Map, off-heap and in memory (no file), sized up front with the expected entry count
 * and the average key and value sizes, as its tutorial requires. Point operations only; nothing
 * is written to disk, so durability does not apply.
 */
final class ChroniclePeer extends FixedPeer {

    ChroniclePeer() {
        super("chronicle", Kind.HASH_IN_MEMORY);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        ChronicleMap<byte[], byte[]> map = ChronicleMap.of(byte[].class, byte[].class)
                .name("oxistore-bench")
                .entries(Math.max(1000, config.expectedKeys()))
                .averageKeySize(config.keySize())
                .averageValueSize(Math.max(1, config.valueSize()))
                .create();
        return new MapDriver(map);
    }

    private record MapDriver(ChronicleMap<byte[], byte[]> map) implements PointDriver {

        @Override
        public void put(byte[] key, byte[] value) {
            map.put(key, value);
        }

        @Override
        public byte[] get(byte[] key) {
            return map.get(key);
        }

        @Override
        public void delete(byte[] key) {
            map.remove(key);
        }

        @Override
        public String mapName() {
            return "Chronicle Map";
        }

        @Override
        public void close() {
            map.close();
        }
    }
}
