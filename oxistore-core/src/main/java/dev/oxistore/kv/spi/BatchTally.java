package dev.oxistore.kv.spi;

import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;

/**
 * What a {@link WriteBatch} holds, counted while its operations are checked: engines check a batch
 * with {@link #check} before applying anything and {@link #record} it once it is committed.
 *
 * @param puts    the puts and merges
 * @param deletes the deletes
 */
public record BatchTally(int puts, int deletes) {

    /**
     * Checks every operation of {@code batch} against {@code config} (keys, values and operands,
     * a merge operator for merges) and counts them.
     *
     * @throws dev.oxistore.kv.InvalidArgumentException at the first invalid operation
     * @throws dev.oxistore.kv.UnsupportedFeatureException for a merge without a merge operator
     */
    public static BatchTally check(WriteBatch batch, StoreConfig config) {
        int puts = 0;
        int deletes = 0;
        for (WriteBatch.Op op : batch.ops()) {
            Checks.checkKey(op.key(), config);
            switch (op) {
                case WriteBatch.Put p -> {
                    Checks.checkValue(p.value(), config);
                    puts++;
                }
                case WriteBatch.Merge m -> {
                    Merges.require(config);
                    Checks.checkValue(m.operand(), config);
                    puts++;
                }
                case WriteBatch.Delete d -> deletes++;
            }
        }
        return new BatchTally(puts, deletes);
    }

    /** Counts the committed batch: its writes, its deletes and one commit. */
    public void record(MetricsRecorder metrics) {
        metrics.writes(puts);
        metrics.deletes(deletes);
        metrics.commit();
    }
}
