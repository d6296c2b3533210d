/**
 * Shared internals of the codecs: byte-array access through {@code VarHandle} views
 * ({@link dev.oxistore.compress.internal.Bits}), argument checks and the array/segment plumbing
 * ({@link dev.oxistore.compress.internal.Args}, {@link dev.oxistore.compress.internal.AbstractCodec}),
 * working-memory pools and the xxHash checksums. Not exported.
 */
package dev.oxistore.compress.internal;
