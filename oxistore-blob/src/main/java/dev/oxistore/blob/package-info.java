/**
 * The blob store API: {@link dev.oxistore.blob.BlobStore}, an asynchronous store of large opaque
 * objects with the semantics of cloud object storage, so code written against the local backend
 * moves to S3, Azure or GCS unchanged.
 *
 * <p>Errors are {@link dev.oxistore.kv.StoreException}s, like everywhere in OxiStore. The blob
 * store raises the core types where they fit ({@link dev.oxistore.kv.NotFoundException} for a
 * missing object, upload or content, {@link dev.oxistore.kv.CapacityExceededException} for a
 * full quota, {@link dev.oxistore.kv.StoreIOException}, {@link dev.oxistore.kv.StoreClosedException},
 * {@link dev.oxistore.kv.StoreLockedException}) and three refinements of its own:
 * {@link dev.oxistore.blob.InvalidKeyException} (an {@code InvalidArgumentException}),
 * {@link dev.oxistore.blob.ChecksumMismatchException} (a {@code CorruptionException}) and
 * {@link dev.oxistore.blob.PreconditionFailedException} (a {@code TxnConflictException}).
 */
package dev.oxistore.blob;
