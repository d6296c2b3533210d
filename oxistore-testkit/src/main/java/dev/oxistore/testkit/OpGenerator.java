package dev.oxistore.testkit;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Capability;
import dev.oxistore.kv.KvStore;
import dev.oxistore.testkit.ModelOp.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates random operation sequences from one seed: the same seed, profile and capabilities
 * give the same sequence. Keys come from a small alphabet ({@code 00 61 7f 80 ff}) so overwrites,
 * shared prefixes and signed/unsigned ordering traps are frequent; counter keys (prefix
 * {@code 63}) always hold 8-byte values, so {@code int64Add} merges never fail.
 */
final class OpGenerator {

    /** What a sequence concentrates on. */
    enum Profile {
        /** Everything, evenly. */
        MIXED,
        /** Expiry, the clock, expire/persist/ttl and purging. */
        EXPIRY,
        /** Batches, transactions (commit, rollback, conflicts). */
        TRANSACTIONS,
        /** Snapshots held across writes, several keyspaces, drops. */
        SNAPSHOTS
    }

    private static final int[] ALPHABET = {0x00, 0x61, 0x7F, 0x80, 0xFF};
    private static final int COUNTER_PREFIX = 0x63;
    private static final List<String> SPACES = List.of(KvStore.DEFAULT_KEYSPACE, "ks1", "ks2");

    private final Random random;
    private final Profile profile;
    private final Set<Capability> caps;
    private final boolean reopen;
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[]> counters = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private final List<Integer> openSnapshots = new ArrayList<>();
    private int nextSnapshot;

    OpGenerator(long seed, Profile profile, Set<Capability> capabilities, boolean reopen) {
        this.random = new Random(seed);
        this.profile = profile;
        this.caps = capabilities;
        this.reopen = reopen;
        List<byte[]> universe = new ArrayList<>();
        for (int a : ALPHABET) {
            universe.add(Kit.bytes(a));
            for (int b : ALPHABET) {
                universe.add(Kit.bytes(a, b));
            }
        }
        universe.add(Kit.bytes(0xFF, 0xFF, 0xFF));
        universe.add(Kit.bytes(0xFF, 0xFF, 0x00));
        universe.add(Kit.bytes(0x00, 0x00, 0x00));
        universe.add(Kit.bytes(0x61, 0x61, 0x61));
        int size = 5 + random.nextInt(8);
        for (int i = 0; i < size; i++) {
            keys.add(universe.get(random.nextInt(universe.size())));
        }
        for (int i = 0; i < 4; i++) {
            values.add(randomValue());
        }
        for (int c : new int[] {0x00, 0x80, 0xFF}) {
            counters.add(Kit.bytes(COUNTER_PREFIX, c));
        }
    }

    /** A sequence of 20 to 100 operations. */
    List<ModelOp> sequence() {
        int length = 20 + random.nextInt(81);
        List<ModelOp> ops = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            ops.add(next());
        }
        return ops;
    }

    private boolean has(Capability c) {
        return caps.contains(c);
    }

    private ModelOp next() {
        List<Integer> weights = new ArrayList<>();
        List<Supplier<ModelOp>> makers = new ArrayList<>();
        boolean ttl = has(Capability.TTL);
        boolean txn = has(Capability.TRANSACTIONS);
        boolean snap = has(Capability.SNAPSHOTS);
        boolean merge = has(Capability.MERGE);
        boolean spaces = has(Capability.KEYSPACES);
        Profile p = profile;
        option(weights, makers, w(p, 20, 8, 10, 15), () -> put(space()));
        option(weights, makers, ttl ? w(p, 6, 20, 3, 4) : 0, () -> putTtl(space()));
        option(weights, makers, w(p, 8, 4, 5, 8), () -> new ModelOp.Delete(space(), key()));
        option(weights, makers, merge ? w(p, 5, 4, 3, 3) : 0, () -> merge(space()));
        option(weights, makers, w(p, 8, 5, 3, 3), this::cas);
        option(weights, makers, ttl ? w(p, 3, 10, 0, 1) : 0, () -> new ModelOp.Expire(space(), anyKey(), ttlMillis()));
        option(weights, makers, ttl ? w(p, 2, 6, 0, 1) : 0, () -> new ModelOp.Persist(space(), anyKey()));
        option(weights, makers, w(p, 8, 8, 5, 4), () -> new ModelOp.Get(space(), anyKey()));
        option(weights, makers, w(p, 3, 4, 1, 1), () -> new ModelOp.Contains(space(), anyKey()));
        option(weights, makers, w(p, 3, 3, 1, 1), () -> getAll(space()));
        option(weights, makers, ttl ? w(p, 3, 10, 1, 1) : 0, () -> new ModelOp.Ttl(space(), anyKey()));
        option(weights, makers, w(p, 10, 8, 8, 8), () -> new ModelOp.Scan(space(), range()));
        option(weights, makers, w(p, 3, 4, 2, 2), () -> new ModelOp.Count(space()));
        option(weights, makers, w(p, 5, 2, 15, 6), this::batch);
        option(weights, makers, txn ? w(p, 5, 2, 25, 4) : 0, this::txn);
        option(weights, makers, txn ? w(p, 1, 0, 5, 1) : 0, this::conflict);
        option(weights, makers, snap && openSnapshots.size() < 3 ? w(p, 2, 1, 2, 8) : 0, this::snapshotOpen);
        option(weights, makers, snap && !openSnapshots.isEmpty() ? w(p, 3, 2, 3, 15) : 0, this::snapshotCheck);
        option(weights, makers, snap && !openSnapshots.isEmpty() ? w(p, 1, 1, 1, 4) : 0, this::snapshotClose);
        option(weights, makers, ttl ? w(p, 4, 12, 2, 4) : 0, () -> new ModelOp.Advance(1_000L * (1 + random.nextInt(8))));
        option(weights, makers, w(p, 1, 4, 0, 2), ModelOp.Purge::new);
        option(weights, makers, spaces ? w(p, 1, 0, 0, 4) : 0, () -> new ModelOp.Drop(SPACES.get(1 + random.nextInt(2))));
        option(weights, makers, reopen ? 2 : 0, () -> {
            openSnapshots.clear();
            return new ModelOp.Reopen();
        });
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                return makers.get(i).get();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int w(Profile p, int mixed, int expiry, int transactions, int snapshots) {
        return switch (p) {
            case MIXED -> mixed;
            case EXPIRY -> expiry;
            case TRANSACTIONS -> transactions;
            case SNAPSHOTS -> snapshots;
        };
    }

    private static void option(List<Integer> weights, List<Supplier<ModelOp>> makers, int weight, Supplier<ModelOp> maker) {
        if (weight > 0) {
            weights.add(weight);
            makers.add(maker);
        }
    }

    private String space() {
        if (!has(Capability.KEYSPACES)) {
            return KvStore.DEFAULT_KEYSPACE;
        }
        int r = random.nextInt(10);
        return r < 6 ? SPACES.get(0) : r < 8 ? SPACES.get(1) : SPACES.get(2);
    }

    /** A plain key, skewed towards the first few of the sequence's pool. */
    private byte[] key() {
        int i = random.nextInt(keys.size());
        return keys.get(random.nextBoolean() ? i : i / 2);
    }

    /** A plain or a counter key. */
    private byte[] anyKey() {
        return has(Capability.MERGE) && random.nextInt(5) == 0 ? counter() : key();
    }

    private byte[] counter() {
        return counters.get(random.nextInt(counters.size()));
    }

    private static boolean isCounter(byte[] key) {
        return key.length == 2 && (key[0] & 0xFF) == COUNTER_PREFIX;
    }

    /** A value fit for {@code key}: a small 8-byte counter, or a pooled or random 0 to 3 bytes. */
    private byte[] value(byte[] key) {
        if (isCounter(key)) {
            return Kit.i64(random.nextInt(7) - 3);
        }
        return random.nextInt(5) == 0 ? randomValue() : values.get(random.nextInt(values.size())).clone();
    }

    private byte[] randomValue() {
        byte[] v = new byte[random.nextInt(4)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return v;
    }

    /** TTLs end on half seconds and the clock moves in whole seconds, so expiry never ties with now. */
    private long ttlMillis() {
        return 500 + 1_000L * random.nextInt(12);
    }

    private ModelOp put(String ks) {
        byte[] k = anyKey();
        return new ModelOp.Put(ks, k, value(k));
    }

    private ModelOp putTtl(String ks) {
        byte[] k = anyKey();
        return new ModelOp.PutTtl(ks, k, value(k), ttlMillis());
    }

    private ModelOp merge(String ks) {
        return new ModelOp.Merge(ks, counter(), random.nextInt(21) - 10);
    }

    private ModelOp cas() {
        // The generator cannot see the current value; values come from a small pool, so a guessed
        // expected value matches often enough for both outcomes to occur.
        String ks = space();
        byte[] k = anyKey();
        byte[] expected = random.nextInt(3) == 0 ? null : value(k);
        byte[] next = random.nextInt(5) == 0 ? null : value(k);
        return new ModelOp.Cas(ks, k, expected, next);
    }

    private ModelOp getAll(String ks) {
        int n = 1 + random.nextInt(4);
        List<byte[]> wanted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            wanted.add(anyKey());
        }
        return new ModelOp.GetAll(ks, List.copyOf(wanted));
    }

    private Range range() {
        boolean reverse = random.nextBoolean();
        return switch (random.nextInt(7)) {
            case 0 -> new Range(Range.Kind.ALL, null, null, reverse);
            case 1, 2 -> new Range(Range.Kind.PREFIX, prefix(), null, reverse);
            case 3, 4 -> {
                byte[] a = bound();
                byte[] b = bound();
                yield Bytes.compare(a, b) <= 0
                        ? new Range(Range.Kind.BETWEEN, a, b, reverse)
                        : new Range(Range.Kind.BETWEEN, b, a, reverse);
            }
            case 5 -> new Range(Range.Kind.AT_LEAST, bound(), null, reverse);
            default -> new Range(Range.Kind.LESS_THAN, bound(), null, reverse);
        };
    }

    private byte[] prefix() {
        return switch (random.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> Kit.bytes(0xFF);
            case 2 -> Kit.bytes(0xFF, 0xFF);
            case 3 -> Kit.bytes(COUNTER_PREFIX);
            case 4 -> Kit.bytes(ALPHABET[random.nextInt(ALPHABET.length)]);
            default -> Kit.bytes(ALPHABET[random.nextInt(ALPHABET.length)], ALPHABET[random.nextInt(ALPHABET.length)]);
        };
    }

    private byte[] bound() {
        return random.nextBoolean() ? anyKey() : prefix().length == 0 ? Kit.bytes(0x7F) : prefix();
    }

    /** A blind write for a batch or transaction. */
    private ModelOp blindWrite(String ks) {
        int r = random.nextInt(10);
        if (r < 5) {
            return put(ks);
        }
        if (r < 7) {
            return new ModelOp.Delete(ks, anyKey());
        }
        if (r < 9 && has(Capability.MERGE)) {
            return merge(ks);
        }
        return has(Capability.TTL) ? putTtl(ks) : put(ks);
    }

    private ModelOp batch() {
        int n = 1 + random.nextInt(6);
        List<ModelOp> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(blindWrite(space()));
        }
        return new ModelOp.Batch(List.copyOf(ops));
    }

    private ModelOp txn() {
        int n = 1 + random.nextInt(8);
        List<ModelOp> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ks = space();
            ops.add(switch (random.nextInt(10)) {
                case 0 -> new ModelOp.Get(ks, anyKey());
                case 1 -> new ModelOp.Scan(ks, range());
                case 2 -> random.nextBoolean() ? new ModelOp.Count(ks) : getAll(ks);
                case 3 -> has(Capability.TTL) && random.nextBoolean() ? new ModelOp.Ttl(ks, anyKey()) : new ModelOp.Contains(ks, anyKey());
                default -> blindWrite(ks);
            });
        }
        return new ModelOp.Txn(List.copyOf(ops), random.nextInt(4) != 0);
    }

    private ModelOp conflict() {
        String ks = space();
        byte[] k = key();
        List<ModelOp> extra = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            extra.add(blindWrite(space()));
        }
        return new ModelOp.Conflict(ks, k, value(k), value(k), List.copyOf(extra));
    }

    private ModelOp snapshotOpen() {
        int id = nextSnapshot++;
        openSnapshots.add(id);
        return new ModelOp.SnapshotOpen(id);
    }

    private ModelOp snapshotCheck() {
        int id = openSnapshots.get(random.nextInt(openSnapshots.size()));
        return new ModelOp.SnapshotCheck(id, space(), random.nextInt(3) == 0 ? range() : new Range(Range.Kind.ALL, null, null, false));
    }

    private ModelOp snapshotClose() {
        return new ModelOp.SnapshotClose(openSnapshots.remove(random.nextInt(openSnapshots.size())));
    }
}
