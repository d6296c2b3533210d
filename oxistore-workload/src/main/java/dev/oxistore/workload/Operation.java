package dev.oxistore.workload;

/** The operations of YCSB's core workloads. */
public enum Operation {
    /** Read one record. */
    READ,
    /** Overwrite one existing record. */
    UPDATE,
    /** Add a new record. */
    INSERT,
    /** Read a short run of records in key order, starting at one record. */
    SCAN,
    /** Read one record, then write it back changed. */
    READ_MODIFY_WRITE;

    /** The name used in result tables. */
    public String label() {
        return this == READ_MODIFY_WRITE ? "rmw" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
