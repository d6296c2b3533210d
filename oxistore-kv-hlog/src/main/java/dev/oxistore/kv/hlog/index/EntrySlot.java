package dev.oxistore.kv.hlog.index;

/**
 * Where a hash-index entry lives and what it held when last read: a mutable cursor a session owns
 * and reuses for every operation, so lookups allocate nothing.
 */
public final class EntrySlot {
    // where the entry lives: -1 for the main table, else the overflow chunk. An int, not a segment
    // reference: a reference store needs a GC barrier, which on the read path costs more than the probe.
    int chunk;
    long offset;
    long word;

    /** Creates an empty slot cursor. */
    public EntrySlot() {
    }

    /** The entry word as last read (tag, address, tentative bit). */
    public long word() {
        return word;
    }

    /** The log address the entry pointed to when last read (0 when the chain is empty). */
    public long address() {
        return word & HashIndex.ADDRESS_MASK;
    }
}
