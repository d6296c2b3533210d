package dev.oxistore.kv.spi;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.UnsupportedFeatureException;

/** Runs the store's {@link MergeOperator} the same way in every engine. */
public final class Merges {

    private Merges() {
    }

    /**
     * The configured operator.
     *
     * @throws UnsupportedFeatureException when none is configured
     */
    public static MergeOperator require(StoreConfig config) {
        return config.mergeOperator().orElseThrow(() -> new UnsupportedFeatureException(Capability.MERGE,
                "merge needs a merge operator and this store has none: open it with "
                        + "StoreConfig.builder().mergeOperator(MergeOperator.int64Add()) or another operator"));
    }

    /**
     * Merges {@code operand} into {@code existing} (null when absent or expired) with the
     * configured operator. The operator gets copies of the key and the existing value, so it
     * cannot change stored bytes.
     *
     * @return the merged value, checked against the store's value size limit
     * @throws UnsupportedFeatureException when no operator is configured
     * @throws InvalidArgumentException when the operator throws or returns null or an oversized
     *                                  value; the caller must then leave the key unchanged
     */
    public static byte[] apply(StoreConfig config, byte[] key, byte[] existing, byte[] operand) {
        MergeOperator operator = require(config);
        byte[] merged;
        try {
            merged = operator.merge(key.clone(), existing == null ? null : existing.clone(), operand);
        } catch (InvalidArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidArgumentException("the merge operator failed on key " + Bytes.hex(key) + ": " + e
                    + "; the value is unchanged: check the operand against what the operator expects", e);
        }
        if (merged == null) {
            throw new InvalidArgumentException("the merge operator returned null for key " + Bytes.hex(key)
                    + "; the value is unchanged: a merge operator must return a value");
        }
        return Checks.checkValue(merged, config);
    }
}
