package dev.oxistore.testkit;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One step of a model-based test sequence. Values are plain data so a sequence can be replayed,
 * shrunk and printed; {@link #toString()} renders keys and values in hex.
 */
sealed interface ModelOp {

    /** A key range to scan, kept as data (bounds in hex when printed). */
    record Range(Kind kind, byte[] a, byte[] b, boolean reverse) {
        enum Kind { ALL, PREFIX, BETWEEN, AT_LEAST, LESS_THAN }

        KeyRange toKeyRange() {
            KeyRange r = switch (kind) {
                case ALL -> KeyRange.all();
                case PREFIX -> KeyRange.prefix(a);
                case BETWEEN -> KeyRange.between(a, b);
                case AT_LEAST -> KeyRange.atLeast(a);
                case LESS_THAN -> KeyRange.lessThan(a);
            };
            return reverse ? r.reversed() : r;
        }

        @Override
        public String toString() {
            String body = switch (kind) {
                case ALL -> "all";
                case PREFIX -> "prefix " + hex(a);
                case BETWEEN -> "between " + hex(a) + ".." + hex(b);
                case AT_LEAST -> "atLeast " + hex(a);
                case LESS_THAN -> "lessThan " + hex(a);
            };
            return body + (reverse ? " reversed" : "");
        }
    }

    // ---- writes (top level, in batches, in transactions)

    /** {@code put(key, value)}. */
    record Put(String ks, byte[] key, byte[] value) implements ModelOp {
        @Override
        public String toString() {
            return "put " + ks + " " + hex(key) + " = " + hex(value);
        }
    }

    /** {@code put(key, value, ttl)}. */
    record PutTtl(String ks, byte[] key, byte[] value, long ttlMillis) implements ModelOp {
        @Override
        public String toString() {
            return "put " + ks + " " + hex(key) + " = " + hex(value) + " ttl " + ttlMillis + "ms";
        }
    }

    /** {@code delete(key)}. */
    record Delete(String ks, byte[] key) implements ModelOp {
        @Override
        public String toString() {
            return "delete " + ks + " " + hex(key);
        }
    }

    /** {@code merge(key, int64(operand))} with {@link dev.oxistore.kv.MergeOperator#int64Add()}. */
    record Merge(String ks, byte[] key, long operand) implements ModelOp {
        @Override
        public String toString() {
            return "merge " + ks + " " + hex(key) + " += " + operand;
        }
    }

    // ---- keyspace-only writes

    /** {@code compareAndSet(key, expected, next)}. */
    record Cas(String ks, byte[] key, byte[] expected, byte[] next) implements ModelOp {
        @Override
        public String toString() {
            return "cas " + ks + " " + hex(key) + " " + hex(expected) + " -> " + hex(next);
        }
    }

    /** {@code expire(key, ttl)}. */
    record Expire(String ks, byte[] key, long ttlMillis) implements ModelOp {
        @Override
        public String toString() {
            return "expire " + ks + " " + hex(key) + " " + ttlMillis + "ms";
        }
    }

    /** {@code persist(key)}. */
    record Persist(String ks, byte[] key) implements ModelOp {
        @Override
        public String toString() {
            return "persist " + ks + " " + hex(key);
        }
    }

    // ---- reads (top level and in transactions)

    /** {@code get(key)}. */
    record Get(String ks, byte[] key) implements ModelOp {
        @Override
        public String toString() {
            return "get " + ks + " " + hex(key);
        }
    }

    /** {@code contains(key)}. */
    record Contains(String ks, byte[] key) implements ModelOp {
        @Override
        public String toString() {
            return "contains " + ks + " " + hex(key);
        }
    }

    /** {@code getAll(keys)}. */
    record GetAll(String ks, List<byte[]> keys) implements ModelOp {
        @Override
        public String toString() {
            return "getAll " + ks + " " + keys.stream().map(ModelOp::hex).collect(Collectors.joining(",", "[", "]"));
        }
    }

    /** {@code ttl(key)}. */
    record Ttl(String ks, byte[] key) implements ModelOp {
        @Override
        public String toString() {
            return "ttl " + ks + " " + hex(key);
        }
    }

    /** {@code scan(range)}, compared entry by entry. */
    record Scan(String ks, Range range) implements ModelOp {
        @Override
        public String toString() {
            return "scan " + ks + " " + range;
        }
    }

    /** {@code count()}. */
    record Count(String ks) implements ModelOp {
        @Override
        public String toString() {
            return "count " + ks;
        }
    }

    // ---- compound and store-level steps

    /** {@code write(batch)} of puts, deletes and merges. */
    record Batch(List<ModelOp> ops) implements ModelOp {
        @Override
        public String toString() {
            return "batch " + ops;
        }
    }

    /** A transaction of writes and reads (reads checked against the transaction's view), then commit or rollback. */
    record Txn(List<ModelOp> ops, boolean commit) implements ModelOp {
        @Override
        public String toString() {
            return "txn " + ops + (commit ? " commit" : " rollback");
        }
    }

    /**
     * Two transactions begin; the second writes {@code key = winner} and commits; the first writes
     * {@code key = loser} plus {@code extra} and must fail to commit with nothing applied.
     */
    record Conflict(String ks, byte[] key, byte[] winner, byte[] loser, List<ModelOp> extra) implements ModelOp {
        @Override
        public String toString() {
            return "conflict " + ks + " " + hex(key) + " winner " + hex(winner) + " loser " + hex(loser) + " + " + extra;
        }
    }

    /** Takes snapshot {@code id}. */
    record SnapshotOpen(int id) implements ModelOp {
        @Override
        public String toString() {
            return "snapshot #" + id;
        }
    }

    /** Checks snapshot {@code id}'s view of {@code ks} over {@code range} (and its count). */
    record SnapshotCheck(int id, String ks, Range range) implements ModelOp {
        @Override
        public String toString() {
            return "check snapshot #" + id + " " + ks + " " + range;
        }
    }

    /** Closes snapshot {@code id}. */
    record SnapshotClose(int id) implements ModelOp {
        @Override
        public String toString() {
            return "close snapshot #" + id;
        }
    }

    /** Moves the clock forward. */
    record Advance(long millis) implements ModelOp {
        @Override
        public String toString() {
            return "advance " + millis + "ms";
        }
    }

    /** {@code purgeExpired()}. */
    record Purge() implements ModelOp {
        @Override
        public String toString() {
            return "purgeExpired";
        }
    }

    /** {@code dropKeyspace(ks)}. */
    record Drop(String ks) implements ModelOp {
        @Override
        public String toString() {
            return "dropKeyspace " + ks;
        }
    }

    /** Closes the store and opens the same directory again. */
    record Reopen() implements ModelOp {
        @Override
        public String toString() {
            return "reopen";
        }
    }

    /** The ways to make {@code op} smaller while keeping its kind, for the shrinker. */
    static List<ModelOp> simpler(ModelOp op) {
        List<ModelOp> out = new ArrayList<>();
        switch (op) {
            case Batch(List<ModelOp> ops) -> {
                for (List<ModelOp> fewer : withoutEach(ops)) {
                    if (!fewer.isEmpty()) {
                        out.add(new Batch(fewer));
                    }
                }
                if (ops.size() == 1) {
                    out.add(ops.getFirst());
                }
            }
            case Txn(List<ModelOp> ops, boolean commit) -> {
                for (List<ModelOp> fewer : withoutEach(ops)) {
                    out.add(new Txn(fewer, commit));
                }
            }
            case Conflict(String ks, byte[] key, byte[] winner, byte[] loser, List<ModelOp> extra) -> {
                for (List<ModelOp> fewer : withoutEach(extra)) {
                    out.add(new Conflict(ks, key, winner, loser, fewer));
                }
            }
            case GetAll(String ks, List<byte[]> keys) -> {
                if (keys.size() > 1) {
                    for (int i = 0; i < keys.size(); i++) {
                        List<byte[]> fewer = new ArrayList<>(keys);
                        fewer.remove(i);
                        out.add(new GetAll(ks, fewer));
                    }
                }
            }
            case Scan(String ks, Range range) when range.kind() != Range.Kind.ALL ->
                    out.add(new Scan(ks, new Range(Range.Kind.ALL, null, null, range.reverse())));
            default -> {
            }
        }
        return out;
    }

    private static List<List<ModelOp>> withoutEach(List<ModelOp> ops) {
        List<List<ModelOp>> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            List<ModelOp> fewer = new ArrayList<>(ops);
            fewer.remove(i);
            out.add(List.copyOf(fewer));
        }
        return out;
    }

    /** Hex of {@code b}, or "null". */
    static String hex(byte[] b) {
        return b == null ? "null" : b.length == 0 ? "\"\"" : Bytes.hex(b);
    }
}
