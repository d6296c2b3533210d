package dev.oxistore.workload;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/** YCSB's core workloads A to F: an operation mix and the key distribution it is defined with. */
public enum Workload {
    /** Update heavy: 50% reads, 50% updates (a session store recording recent actions). */
    A(Distribution.ZIPFIAN, 0.50, 0.50, 0, 0, 0),
    /** Read mostly: 95% reads, 5% updates (photo tagging). */
    B(Distribution.ZIPFIAN, 0.95, 0.05, 0, 0, 0),
    /** Read only (a user profile cache). */
    C(Distribution.ZIPFIAN, 1.0, 0, 0, 0, 0),
    /** Read latest: 95% reads of recent records, 5% inserts (status updates). */
    D(Distribution.LATEST, 0.95, 0, 0.05, 0, 0),
    /** Short ranges: 95% scans of up to 100 records, 5% inserts (threaded conversations). */
    E(Distribution.ZIPFIAN, 0, 0, 0.05, 0.95, 0),
    /** Read-modify-write: 50% reads, 50% read-modify-writes (a user database). */
    F(Distribution.ZIPFIAN, 0.50, 0, 0, 0, 0.50);

    /** YCSB's maxscanlength: scan lengths are uniform in {@code [1, MAX_SCAN_LENGTH]}. */
    public static final int MAX_SCAN_LENGTH = 100;

    private final Distribution distribution;
    private final Map<Operation, Double> mix = new EnumMap<>(Operation.class);

    Workload(Distribution distribution, double read, double update, double insert, double scan, double rmw) {
        this.distribution = distribution;
        put(Operation.READ, read);
        put(Operation.UPDATE, update);
        put(Operation.INSERT, insert);
        put(Operation.SCAN, scan);
        put(Operation.READ_MODIFY_WRITE, rmw);
    }

    private void put(Operation op, double share) {
        if (share > 0) {
            mix.put(op, share);
        }
    }

    /** The distribution YCSB defines this workload with. */
    public Distribution defaultDistribution() {
        return distribution;
    }

    /** The share of {@code op} in the mix, 0 to 1. */
    public double share(Operation op) {
        return mix.getOrDefault(op, 0.0);
    }

    /** The operation for a uniform draw {@code u} in {@code [0, 1)}. */
    public Operation choose(double u) {
        double acc = 0;
        Operation last = null;
        for (Map.Entry<Operation, Double> e : mix.entrySet()) {
            acc += e.getValue();
            last = e.getKey();
            if (u < acc) {
                return last;
            }
        }
        return last; // rounding: u just below 1 with shares summing to slightly less
    }

    /** The mix in words, e.g. {@code "read 50%, update 50%"}. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        mix.forEach((op, share) -> j.add(op.label() + " " + Math.round(share * 100) + "%"));
        return j.toString();
    }
}
