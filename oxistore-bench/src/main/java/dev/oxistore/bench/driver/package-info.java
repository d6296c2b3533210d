/**
 * The one interface every measured store is driven through ({@link dev.oxistore.bench.driver.Driver}),
 * and its implementations: our engines through the facade, by {@link dev.oxistore.kv.EngineKind},
 * and the peers a user would pick instead (RocksDB JNI, lmdbjava, raw H2 MVStore, Xodus,
 * Berkeley DB JE, LevelDB-Java, Chronicle Map, {@code ConcurrentHashMap}), each configured as its
 * own documentation recommends. {@link dev.oxistore.bench.driver.Peers} names them.
 */
package dev.oxistore.bench.driver;
