/**
 * The native API of the hybrid-log store: {@link dev.oxistore.kv.hlog.store.HlogStore} and its
 * thread-confined {@link dev.oxistore.kv.hlog.store.Session}s (FASTER's {@code FasterKV} and
 * {@code ClientSession}).
 */
package dev.oxistore.kv.hlog.store;
