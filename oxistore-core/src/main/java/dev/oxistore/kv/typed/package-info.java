/**
 * Typed access over a keyspace: order-preserving key codecs ({@link dev.oxistore.kv.typed.KeyCodecs},
 * with composite {@link dev.oxistore.kv.typed.Tuple2 tuples}), value codecs
 * ({@link dev.oxistore.kv.typed.ValueCodecs}), and {@link dev.oxistore.kv.typed.TypedKvStore}, a
 * thin typed view whose range scans ({@link dev.oxistore.kv.typed.TypedRange}) follow the keys'
 * natural order.
 */
package dev.oxistore.kv.typed;
