package dev.oxistore.encrypt;

/**
 * What {@link EncryptedKvStore#rekey()} did.
 *
 * @param scanned   live values looked at, in every keyspace
 * @param rewrapped values whose data key was re-wrapped under the primary key version
 * @param current   values that already used the primary version
 * @param skipped   values left under their old version: ones with a time to live on a store
 *                  without transactions (re-wrapping them atomically would clear the expiry)
 * @param primary   the key version values were re-wrapped under
 */
public record RekeyResult(long scanned, long rewrapped, long current, long skipped, int primary) {
}
