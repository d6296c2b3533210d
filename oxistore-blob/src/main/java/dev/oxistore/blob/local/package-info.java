/** The local filesystem backend: {@link dev.oxistore.blob.local.LocalBlobStore}. */
package dev.oxistore.blob.local;
