/**
 * OxiStore blob storage: the asynchronous {@link dev.oxistore.blob.BlobStore} with the semantics of
 * cloud object storage ({@code dev.oxistore.blob}), the base class backends build on
 * ({@code dev.oxistore.blob.spi}), and two backends: {@link dev.oxistore.blob.local.LocalBlobStore}
 * (files under a root directory) and {@link dev.oxistore.blob.memory.MemoryBlobStore} (off-heap
 * memory with an optional quota).
 */
module dev.oxistore.blob {
    requires transitive dev.oxistore.core;

    exports dev.oxistore.blob;
    exports dev.oxistore.blob.spi;
    exports dev.oxistore.blob.local;
    exports dev.oxistore.blob.memory;
}
