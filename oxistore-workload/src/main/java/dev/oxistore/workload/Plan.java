package dev.oxistore.workload;

import java.util.SplittableRandom;

/**
 * A whole run phase drawn in advance: operation {@code i} is {@link #op(int)} on record
 * {@link #record(int)} (and, for scans, {@link #scanLength(int)} records). Inserts take record
 * numbers {@code records, records + 1, ...} in order. The same arguments and seed give the same
 * plan.
 */
public final class Plan {

    private static final Operation[] OPS = Operation.values();

    private final byte[] ops;
    private final int[] records;
    private final byte[] scanLengths;
    private final long loaded;
    private final int inserts;

    private Plan(byte[] ops, int[] records, byte[] scanLengths, long loaded, int inserts) {
        this.ops = ops;
        this.records = records;
        this.scanLengths = scanLengths;
        this.loaded = loaded;
        this.inserts = inserts;
    }

    /**
     * Draws {@code operations} operations of {@code workload} over {@code loaded} records.
     *
     * @throws IllegalArgumentException when {@code loaded} is below 1 or the record numbers would
     *                                  not fit an int
     */
    public static Plan generate(Workload workload, Distribution distribution, long loaded, int operations, long seed) {
        if (loaded < 1) {
            throw new IllegalArgumentException("need at least one loaded record");
        }
        if (loaded + (long) operations > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("records + operations must stay below " + Integer.MAX_VALUE);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom opRandom = random.split();
        SplittableRandom scanRandom = random.split();
        long expectedInserts = Math.round(operations * workload.share(Operation.INSERT));
        long[] count = {loaded};
        KeyChooser chooser = distribution.chooser(loaded, expectedInserts, () -> count[0], random.split());
        byte[] ops = new byte[operations];
        int[] recs = new int[operations];
        byte[] scans = workload.share(Operation.SCAN) > 0 ? new byte[operations] : null;
        for (int i = 0; i < operations; i++) {
            Operation op = workload.choose(opRandom.nextDouble());
            ops[i] = (byte) op.ordinal();
            if (op == Operation.INSERT) {
                recs[i] = (int) count[0]++;
            } else {
                recs[i] = (int) chooser.next();
                if (op == Operation.SCAN) {
                    scans[i] = (byte) (1 + scanRandom.nextInt(Workload.MAX_SCAN_LENGTH));
                }
            }
        }
        return new Plan(ops, recs, scans, loaded, (int) (count[0] - loaded));
    }

    /** The number of operations. */
    public int size() {
        return ops.length;
    }

    /** Operation {@code i}. */
    public Operation op(int i) {
        return OPS[ops[i]];
    }

    /** The record operation {@code i} touches (for a scan: where it starts). */
    public int record(int i) {
        return records[i];
    }

    /** How many records scan {@code i} reads, 1 to {@link Workload#MAX_SCAN_LENGTH}; 0 for other operations. */
    public int scanLength(int i) {
        return scanLengths == null || ops[i] != Operation.SCAN.ordinal() ? 0 : scanLengths[i];
    }

    /** Records loaded before the run. */
    public long loaded() {
        return loaded;
    }

    /** Inserts in the plan. */
    public int inserts() {
        return inserts;
    }

    /** Records that exist after the run: loaded plus inserted. */
    public long totalRecords() {
        return loaded + inserts;
    }
}
