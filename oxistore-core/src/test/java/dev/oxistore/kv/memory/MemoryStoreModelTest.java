package dev.oxistore.kv.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.Expiry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded random operations against a TreeMap model, with snapshots held across later writes,
 * transactions, TTLs and keyspace drops; internal invariants are checked as it goes, and at the
 * end reclamation must leave exactly one version per stored key. The seed is printed on failure;
 * replay it with -Doxistore.seed=S.
 */
class MemoryStoreModelTest {

    private record Entry(byte[] value, long expiresAt) {
        boolean liveAt(long now) {
            return expiresAt > now;
        }
    }

    private static final String[] SPACES = {"default", "ks1"};

    private final TestClock clock = new TestClock();
    private final Map<String, TreeMap<byte[], Entry>> model = new HashMap<>();
    private final List<KvSnapshot> snapshots = new ArrayList<>();
    private final List<Map<String, TreeMap<byte[], Entry>>> snapshotModels = new ArrayList<>();
    private Random rnd;
    private MemoryStore store;

    private TreeMap<byte[], Entry> space(String name) {
        return model.computeIfAbsent(name, k -> new TreeMap<>(Bytes.ORDER));
    }

    @Test
    void randomOperationsMatchTheModel() {
        String fixed = System.getProperty("oxistore.seed");
        int runs = fixed != null ? 1 : 20 * Integer.getInteger("oxistore.soak", 1);
        for (int run = 0; run < runs; run++) {
            long seed = fixed != null ? Long.parseLong(fixed.trim()) : new Random().nextLong();
            try {
                runOnce(seed, 400);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("model test failed with seed " + seed + " (replay: -Doxistore.seed=" + seed + "): " + e, e);
            }
        }
    }

    private void runOnce(long seed, int steps) {
        rnd = new Random(seed);
        model.clear();
        snapshots.clear();
        snapshotModels.clear();
        store = new MemoryStore(StoreConfig.builder().clock(clock).mergeOperator(MergeOperator.append()).build());
        try {
            for (int step = 0; step < steps; step++) {
                step();
                if (step % 25 == 0) {
                    assertThat(store.checkIntegrity().problems()).as("integrity at step %d", step).isEmpty();
                }
            }
            for (int i = 0; i < snapshots.size(); i++) {
                verifyView(snapshots.get(i), snapshotModels.get(i));
                snapshots.get(i).close();
            }
            store.compact();
            long stored = model.values().stream().mapToLong(TreeMap::size).sum();
            assertThat(store.retainedVersions()).as("versions left once nothing is pinned").isEqualTo(stored);
            assertThat(store.checkIntegrity().problems()).isEmpty();
        } finally {
            store.close();
        }
    }

    private byte[] key() {
        return new byte[]{(byte) ('a' + rnd.nextInt(12))};
    }

    private byte[] value() {
        return new byte[]{(byte) rnd.nextInt(256)};
    }

    private String ks() {
        return SPACES[rnd.nextInt(SPACES.length)];
    }

    private long now() {
        return clock.millis();
    }

    private void step() {
        String ks = ks();
        Keyspace space = store.keyspace(ks);
        TreeMap<byte[], Entry> m = space(ks);
        byte[] k = key();
        switch (rnd.nextInt(20)) {
            case 0, 1, 2 -> {
                byte[] v = value();
                space.put(k, v);
                m.put(k, new Entry(v, Expiry.NEVER));
            }
            case 3 -> {
                byte[] v = value();
                long ms = 1 + rnd.nextInt(3000);
                space.put(k, v, Duration.ofMillis(ms));
                m.put(k, new Entry(v, now() + ms));
            }
            case 4, 5 -> {
                space.delete(k);
                m.remove(k);
            }
            case 6 -> {
                byte[] op = value();
                space.merge(k, op);
                mergeInto(m, k, op);
            }
            case 7 -> {
                Entry e = m.get(k);
                byte[] current = e != null && e.liveAt(now()) ? e.value : null;
                byte[] expected = rnd.nextBoolean() ? current : (rnd.nextBoolean() ? null : value());
                byte[] next = rnd.nextInt(4) == 0 ? null : value();
                boolean matches = expected == null ? current == null : current != null && Bytes.compare(current, expected) == 0;
                assertThat(space.compareAndSet(k, expected, next)).isEqualTo(matches);
                if (matches) {
                    if (next == null) {
                        m.remove(k);
                    } else {
                        m.put(k, new Entry(next, Expiry.NEVER));
                    }
                }
            }
            case 8 -> {
                long ms = 1 + rnd.nextInt(3000);
                Entry e = m.get(k);
                boolean live = e != null && e.liveAt(now());
                assertThat(space.expire(k, Duration.ofMillis(ms))).isEqualTo(live);
                if (live) {
                    m.put(k, new Entry(e.value, now() + ms));
                }
                Entry p = m.get(k);
                boolean persistable = p != null && p.liveAt(now()) && p.expiresAt != Expiry.NEVER && rnd.nextBoolean();
                if (persistable) {
                    assertThat(space.persist(k)).isTrue();
                    m.put(k, new Entry(p.value, Expiry.NEVER));
                }
            }
            case 9 -> clock.advance(Duration.ofMillis(rnd.nextInt(1500)));
            case 10 -> batch();
            case 11 -> transaction();
            case 12 -> {
                if (snapshots.size() < 6) {
                    snapshots.add(store.snapshot());
                    snapshotModels.add(deepCopy());
                }
            }
            case 13 -> {
                if (!snapshots.isEmpty()) {
                    int i = rnd.nextInt(snapshots.size());
                    verifyView(snapshots.get(i), snapshotModels.get(i));
                    if (rnd.nextBoolean()) {
                        snapshots.remove(i).close();
                        snapshotModels.remove(i);
                    }
                }
            }
            case 14 -> {
                long expired = 0;
                for (TreeMap<byte[], Entry> sm : model.values()) {
                    int before = sm.size();
                    sm.values().removeIf(e -> !e.liveAt(now()));
                    expired += before - sm.size();
                }
                assertThat(store.purgeExpired()).isEqualTo(expired);
            }
            case 15 -> {
                if (rnd.nextInt(4) == 0 && !ks.equals("default")) {
                    boolean listed = store.keyspaces().contains(ks);
                    assertThat(store.dropKeyspace(ks)).isEqualTo(listed);
                    assertThat(store.keyspaces()).doesNotContain(ks);
                    m.clear();
                } else {
                    store.compact();
                }
            }
            default -> verifyReader(space, Map.of(ks, m), ks);
        }
    }

    private void mergeInto(TreeMap<byte[], Entry> m, byte[] k, byte[] op) {
        Entry e = m.get(k);
        if (e != null && e.liveAt(now())) {
            byte[] v = java.util.Arrays.copyOf(e.value, e.value.length + op.length);
            System.arraycopy(op, 0, v, e.value.length, op.length);
            m.put(k, new Entry(v, e.expiresAt));
        } else {
            m.put(k, new Entry(op.clone(), Expiry.NEVER));
        }
    }

    private void batch() {
        WriteBatch batch = new WriteBatch();
        for (int i = rnd.nextInt(6); i >= 0; i--) {
            String ks = ks();
            byte[] k = key();
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    byte[] v = value();
                    batch.put(ks, k, v);
                    space(ks).put(k, new Entry(v, Expiry.NEVER));
                }
                case 1 -> {
                    byte[] v = value();
                    long ms = 1 + rnd.nextInt(3000);
                    batch.put(ks, k, v, Duration.ofMillis(ms));
                    space(ks).put(k, new Entry(v, now() + ms));
                }
                case 2 -> {
                    batch.delete(ks, k);
                    space(ks).remove(k);
                }
                default -> {
                    byte[] op = value();
                    batch.merge(ks, k, op);
                    mergeInto(space(ks), k, op);
                }
            }
        }
        store.write(batch);
    }

    private void transaction() {
        boolean commit = rnd.nextInt(3) > 0;
        Map<String, TreeMap<byte[], Entry>> txnModel = deepCopy();
        try (KvTxn txn = store.begin()) {
            for (int i = rnd.nextInt(8); i >= 0; i--) {
                String ks = ks();
                KvReadWriter view = txn.keyspace(ks);
                TreeMap<byte[], Entry> m = txnModel.computeIfAbsent(ks, x -> new TreeMap<>(Bytes.ORDER));
                byte[] k = key();
                switch (rnd.nextInt(5)) {
                    case 0 -> {
                        byte[] v = value();
                        view.put(k, v);
                        m.put(k, new Entry(v, Expiry.NEVER));
                    }
                    case 1 -> {
                        view.delete(k);
                        m.remove(k);
                    }
                    case 2 -> {
                        byte[] op = value();
                        view.merge(k, op);
                        mergeInto(m, k, op);
                    }
                    case 3 -> {
                        byte[] v = value();
                        long ms = 1 + rnd.nextInt(3000);
                        view.put(k, v, Duration.ofMillis(ms));
                        m.put(k, new Entry(v, now() + ms));
                    }
                    default -> verifyReader(view, txnModel, ks);
                }
            }
            if (commit) {
                txn.commit();
                model.clear();
                model.putAll(txnModel);
            }
        }
    }

    private Map<String, TreeMap<byte[], Entry>> deepCopy() {
        Map<String, TreeMap<byte[], Entry>> copy = new HashMap<>();
        model.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return copy;
    }

    private void verifyView(KvSnapshot snap, Map<String, TreeMap<byte[], Entry>> m) {
        for (String ks : SPACES) {
            verifyReader(snap.keyspace(ks), m, ks);
        }
    }

    private void verifyReader(KvReader reader, Map<String, TreeMap<byte[], Entry>> m, String ks) {
        TreeMap<byte[], Entry> space = m.getOrDefault(ks, new TreeMap<>(Bytes.ORDER));
        long now = now();
        TreeMap<byte[], byte[]> live = new TreeMap<>(Bytes.ORDER);
        space.forEach((k, e) -> {
            if (e.liveAt(now)) {
                live.put(k, e.value);
            }
        });
        byte[] k = key();
        assertThat(reader.get(k)).as("get %s in %s", Bytes.hex(k), ks).isEqualTo(live.get(k));
        assertThat(reader.count()).as("count of %s", ks).isEqualTo(live.size());
        Entry e = space.get(k);
        if (e != null && e.liveAt(now) && e.expiresAt != Expiry.NEVER) {
            assertThat(reader.ttl(k)).contains(Duration.ofMillis(e.expiresAt - now));
        } else {
            assertThat(reader.ttl(k)).isEmpty();
        }
        byte[] lo = key();
        byte[] hi = key();
        if (Bytes.compare(lo, hi) > 0) {
            byte[] t = lo;
            lo = hi;
            hi = t;
        }
        KeyRange range = rnd.nextBoolean() ? KeyRange.between(lo, hi) : KeyRange.all();
        if (rnd.nextBoolean()) {
            range = range.reversed();
        }
        List<String> expected = new ArrayList<>();
        dev.oxistore.kv.spi.RangeViews.slice(live, range).forEach((key, v) -> expected.add(Bytes.hex(key) + "=" + Bytes.hex(v)));
        List<String> actual = new ArrayList<>();
        try (KvCursor c = reader.scan(range)) {
            c.forEachRemaining(en -> actual.add(Bytes.hex(en.key()) + "=" + Bytes.hex(en.value())));
        }
        assertThat(actual).as("scan %s of %s", range, ks).isEqualTo(expected);
    }
}
