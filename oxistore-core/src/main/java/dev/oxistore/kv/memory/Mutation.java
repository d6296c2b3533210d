package dev.oxistore.kv.memory;

/**
 * One resolved write of a commit: {@code value} null is a delete. Key and value are owned by
 * the store (copied from the caller). Merges are resolved into puts before they get here.
 */
record Mutation(KeyspaceData space, byte[] key, byte[] value, long expiresAt) {
}
