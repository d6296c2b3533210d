package dev.oxistore.bench.run;

import dev.oxistore.workload.Workload;
import java.util.Locale;

/**
 * The benchmarks, in the order a run performs them. db_bench's (fills start from an empty store;
 * the others run, in this order, on the store {@link #FILLRANDOM} filled) and YCSB's core
 * workloads after a YCSB load, in YCSB's recommended order (A, B, C, F, D, then E).
 */
public enum Bench {
    /** Writes every key once in ascending order into an empty store. */
    FILLSEQ(Group.FILLSEQ, false, null),
    /** Writes every key once in random order into an empty store. */
    FILLRANDOM(Group.DB, false, null),
    /** Random overwrites of existing keys. */
    OVERWRITE(Group.DB, false, null),
    /** Random point reads; a configured share of them ask for keys that do not exist. */
    READRANDOM(Group.DB, false, null),
    /** One forward pass over the whole store. */
    READSEQ(Group.DB, true, null),
    /** One backward pass over the whole store. */
    READREVERSE(Group.DB, true, null),
    /** Seek to a random key, then read the next 10 entries. */
    SEEKRANDOM(Group.DB, true, null),
    /** Random reads on N threads while one more thread overwrites random keys without pause. */
    READWHILEWRITING(Group.DB, false, null),
    /** Deletes every key in random order. */
    DELETERANDOM(Group.DB, false, null),
    /** Writes with an fsync each (db_bench: 1,000 of them) into an empty store. */
    FILLSYNC(Group.FILLSYNC, false, null),
    /** YCSB's load phase: inserts the records in hashed order. */
    YCSB_LOAD(Group.YCSB, false, null),
    /** YCSB A: 50% reads, 50% updates, Zipfian. */
    YCSB_A(Group.YCSB, false, Workload.A),
    /** YCSB B: 95% reads, 5% updates, Zipfian. */
    YCSB_B(Group.YCSB, false, Workload.B),
    /** YCSB C: reads only, Zipfian. */
    YCSB_C(Group.YCSB, false, Workload.C),
    /** YCSB F: 50% reads, 50% read-modify-writes, Zipfian. */
    YCSB_F(Group.YCSB, false, Workload.F),
    /** YCSB D: 95% reads of the latest records, 5% inserts. */
    YCSB_D(Group.YCSB, false, Workload.D),
    /** YCSB E: 95% short scans, 5% inserts, Zipfian. */
    YCSB_E(Group.YCSB, true, Workload.E);

    /** Which store a benchmark runs on. */
    enum Group { FILLSEQ, DB, FILLSYNC, YCSB }

    private final Group group;
    private final boolean needsOrder;
    private final Workload ycsb;

    Bench(Group group, boolean needsOrder, Workload ycsb) {
        this.group = group;
        this.needsOrder = needsOrder;
        this.ycsb = ycsb;
    }

    Group group() {
        return group;
    }

    /** True when the benchmark scans, so hash maps cannot run it. */
    public boolean needsOrder() {
        return needsOrder;
    }

    /** The YCSB workload, or null for db_bench's benchmarks and the YCSB load. */
    Workload ycsb() {
        return ycsb;
    }

    /** True for benchmarks whose every operation writes (write amplification applies). */
    boolean writes() {
        return this == FILLSEQ || this == FILLRANDOM || this == OVERWRITE || this == FILLSYNC || this == YCSB_LOAD;
    }

    /** The name on the command line and in reports, e.g. {@code fillrandom}, {@code ycsb-a}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The benchmark called {@code label}.
     *
     * @throws IllegalArgumentException naming the valid labels
     */
    public static Bench parse(String label) {
        for (Bench b : values()) {
            if (b.label().equalsIgnoreCase(label.trim())) {
                return b;
            }
        }
        StringBuilder all = new StringBuilder();
        for (Bench b : values()) {
            all.append(all.isEmpty() ? "" : ", ").append(b.label());
        }
        throw new IllegalArgumentException("unknown benchmark '" + label + "': use " + all + " (or ycsb, db, all)");
    }
}
