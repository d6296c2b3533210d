package dev.oxistore.bench.driver;

/**
 * The driver of a {@link FixedPeer.Kind#HASH_IN_MEMORY} peer: ordered scans are refused and a
 * flush has nothing to write.
 */
interface PointDriver extends Driver {

    /** The map's name in messages, e.g. {@code Chronicle Map}. */
    String mapName();

    @Override
    default int seek(byte[] from, int count) {
        throw new UnsupportedOperationException(mapName() + " is a hash map: no ordered scans");
    }

    @Override
    default long scanAll(boolean reverse) {
        throw new UnsupportedOperationException(mapName() + " is a hash map: no ordered scans");
    }

    @Override
    default void flush() {
        // in memory
    }
}
