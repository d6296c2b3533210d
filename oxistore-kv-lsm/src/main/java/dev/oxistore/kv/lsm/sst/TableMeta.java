package dev.oxistore.kv.lsm.sst;

/**
 * What the manifest records of a table: its file number, size, and first and last internal keys.
 *
 * @param entries entries written (0 when read back from the manifest)
 */
public record TableMeta(long number, long size, byte[] smallest, byte[] largest, long entries) {
}
