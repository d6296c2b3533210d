/**
 * Deflate in zlib (RFC 1950) and GZIP (RFC 1952) wrappers over {@code java.util.zip}'s Deflater and
 * Inflater, with strict framing checks of our own. Not exported.
 */
package dev.oxistore.compress.internal.deflate;
