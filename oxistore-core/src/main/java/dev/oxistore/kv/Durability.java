package dev.oxistore.kv;

/**
 * What a successful write or commit guarantees when it returns. Chosen per store in
 * {@link StoreConfig}; engines without persistence ignore it.
 */
public enum Durability {
    /** The change is on stable storage (fsync) before the call returns; survives power loss. */
    SYNC,
    /** The change is handed to the OS before the call returns; survives a process crash, not power loss. */
    FLUSH,
    /** The change may sit in the engine's buffers; a crash can lose recent acknowledged writes. */
    NONE
}
