package dev.oxistore.kv;

/** A registration made by {@link Keyspace#watch}; closing it stops further events. */
public interface Watch extends AutoCloseable {
    /** Stops delivery; harmless when called again. */
    @Override
    void close();
}
