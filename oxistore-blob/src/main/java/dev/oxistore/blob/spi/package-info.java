/**
 * For backend authors: {@link dev.oxistore.blob.spi.AbstractBlobStore} turns a few blocking
 * methods into the asynchronous {@link dev.oxistore.blob.BlobStore} contract (argument checks,
 * the executor, closing, pagination, content verification), and
 * {@link dev.oxistore.blob.spi.DigestingInputStream} counts and hashes bytes as they stream.
 */
package dev.oxistore.blob.spi;
