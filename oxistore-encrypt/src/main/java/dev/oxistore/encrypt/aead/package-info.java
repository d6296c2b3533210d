/**
 * AEAD primitives over the JDK's own ciphers: {@link dev.oxistore.encrypt.aead.Aead#XCHACHA20_POLY1305}
 * (our HChaCha20 plus the JDK's ChaCha20-Poly1305, per draft-irtf-cfrg-xchacha-03),
 * ChaCha20-Poly1305 and AES-256-GCM, thread-safe and pooled.
 */
package dev.oxistore.encrypt.aead;
