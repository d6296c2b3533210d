/** The in-memory backend: {@link dev.oxistore.blob.memory.MemoryBlobStore}. */
package dev.oxistore.blob.memory;
