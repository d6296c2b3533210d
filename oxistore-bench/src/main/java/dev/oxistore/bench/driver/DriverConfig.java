package dev.oxistore.bench.driver;

import dev.oxistore.kv.Durability;

/**
 * How a run opens a store.
 *
 * @param durability   what a write promises when it returns, mapped by each peer as its Javadoc says
 * @param expectedKeys how many keys the store will hold at most (stores that size up front use it)
 * @param keySize      key size in bytes
 * @param valueSize    value size in bytes
 */
public record DriverConfig(Durability durability, long expectedKeys, int keySize, int valueSize) {
}
