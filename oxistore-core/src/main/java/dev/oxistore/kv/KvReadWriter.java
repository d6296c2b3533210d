package dev.oxistore.kv;

/** Reads and blind writes on one keyspace: what a transaction offers per keyspace. */
public interface KvReadWriter extends KvReader, KvWriter {
}
