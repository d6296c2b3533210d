/** Typed access over a keyspace: order-preserving key codecs and value codecs. */
package dev.oxistore.kv.typed;
