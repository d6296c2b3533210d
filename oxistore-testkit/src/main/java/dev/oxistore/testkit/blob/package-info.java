/**
 * The blob conformance suite: {@link dev.oxistore.testkit.blob.BlobStoreConformanceSuite}, which
 * every {@link dev.oxistore.blob.BlobStore} backend's test extends with a
 * {@link dev.oxistore.testkit.blob.BlobStoreFactory}, and the generated data it streams
 * ({@link dev.oxistore.testkit.blob.Pattern}).
 */
package dev.oxistore.testkit.blob;
