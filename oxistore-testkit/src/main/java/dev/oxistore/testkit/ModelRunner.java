package dev.oxistore.testkit;

import dev.oxistore.kv.Durability;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.KvWriter;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.testkit.ModelOp.Advance;
import dev.oxistore.testkit.ModelOp.Batch;
import dev.oxistore.testkit.ModelOp.Cas;
import dev.oxistore.testkit.ModelOp.Conflict;
import dev.oxistore.testkit.ModelOp.Contains;
import dev.oxistore.testkit.ModelOp.Count;
import dev.oxistore.testkit.ModelOp.Delete;
import dev.oxistore.testkit.ModelOp.Drop;
import dev.oxistore.testkit.ModelOp.Expire;
import dev.oxistore.testkit.ModelOp.Get;
import dev.oxistore.testkit.ModelOp.GetAll;
import dev.oxistore.testkit.ModelOp.Merge;
import dev.oxistore.testkit.ModelOp.Persist;
import dev.oxistore.testkit.ModelOp.Purge;
import dev.oxistore.testkit.ModelOp.Put;
import dev.oxistore.testkit.ModelOp.PutTtl;
import dev.oxistore.testkit.ModelOp.Reopen;
import dev.oxistore.testkit.ModelOp.Scan;
import dev.oxistore.testkit.ModelOp.SnapshotCheck;
import dev.oxistore.testkit.ModelOp.SnapshotClose;
import dev.oxistore.testkit.ModelOp.SnapshotOpen;
import dev.oxistore.testkit.ModelOp.Ttl;
import dev.oxistore.testkit.ModelOp.Txn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Replays a sequence of {@link ModelOp}s on a fresh store and on a {@link Model} side by side,
 * checking every result and, after every write, the whole keyspace it touched.
 */
final class ModelRunner {

    /** Where a replay went wrong: the index of the step (equal to the size for the final check) and why. */
    record StepFailure(int step, ModelOp op, Throwable cause) {
        String describe() {
            return "step " + (step + 1) + (op == null ? " (final check)" : " [" + op + "]") + ": " + cause;
        }
    }

    /** A TTL reported by an engine may be truncated to its clock resolution, up to this much. */
    private static final long TTL_SLACK_MILLIS = 1_000;

    private final StoreFactory factory;
    private final Consumer<StoreConfig.Builder> configure;
    private final boolean merge;

    /**
     * @param merge whether stores get {@link MergeOperator#int64Add()} (engines without the
     *              {@link dev.oxistore.kv.Capability#MERGE} capability may refuse one)
     */
    ModelRunner(StoreFactory factory, Consumer<StoreConfig.Builder> configure, boolean merge) {
        this.factory = factory;
        this.configure = configure;
        this.merge = merge;
    }

    /** The configuration of every model store: a manual clock, int64Add if merging, no forced syncs. */
    StoreConfig config(ManualClock clock) {
        StoreConfig.Builder b = StoreConfig.builder().clock(clock).durability(Durability.NONE);
        if (merge) {
            b.mergeOperator(MergeOperator.int64Add());
        }
        configure.accept(b);
        return b.build();
    }

    /** Replays {@code ops} on a new store in {@code dir}; empty when every check passed. */
    Optional<StepFailure> replay(List<ModelOp> ops, Path dir) {
        Session session = new Session(dir);
        int step = 0;
        try {
            session.open();
            for (; step < ops.size(); step++) {
                session.apply(ops.get(step));
            }
            session.verifyAll();
            session.closeStore();
            return Optional.empty();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
            session.closeQuietly(t);
            return Optional.of(new StepFailure(step, step < ops.size() ? ops.get(step) : null, t));
        }
    }

    private static AssertionError mismatch(String what, Object expected, Object actual) {
        return new AssertionError(what + ": expected " + render(expected) + " but the store gave " + render(actual));
    }

    private static String render(Object o) {
        return switch (o) {
            case null -> "null";
            case byte[] b -> ModelOp.hex(b);
            case List<?> list -> list.stream().map(ModelRunner::render).toList().toString();
            case KvEntry(byte[] k, byte[] v) -> ModelOp.hex(k) + "=" + ModelOp.hex(v);
            default -> o.toString();
        };
    }

    /** One store, its model, and the open snapshots of one replay. */
    private final class Session {
        private final Path dir;
        private final ManualClock clock = new ManualClock();
        private final StoreConfig config = config(clock);
        private final Map<Integer, KvSnapshot> snapshots = new LinkedHashMap<>();
        private final Map<Integer, Model> snapshotModels = new LinkedHashMap<>();
        /** Keyspaces no write has touched since the start or their last drop: they must not be listed. */
        private final Set<String> touched = new HashSet<>();
        private final Set<String> dropped = new TreeSet<>();
        private Model model = new Model();
        private KvStore store;

        Session(Path dir) {
            this.dir = dir;
        }

        void open() {
            store = factory.open(dir, config);
        }

        long now() {
            return clock.millis();
        }

        Keyspace keyspace(String ks) {
            return ks.equals(KvStore.DEFAULT_KEYSPACE) ? store : store.keyspace(ks);
        }

        KvReadWriter txnView(KvTxn txn, String ks) {
            return ks.equals(KvStore.DEFAULT_KEYSPACE) ? txn : txn.keyspace(ks);
        }

        KvReader snapshotView(KvSnapshot snap, String ks) {
            return ks.equals(KvStore.DEFAULT_KEYSPACE) ? snap : snap.keyspace(ks);
        }

        void apply(ModelOp op) {
            switch (op) {
                case Put p -> write(keyspace(p.ks()), model, p);
                case PutTtl p -> write(keyspace(p.ks()), model, p);
                case Delete d -> write(keyspace(d.ks()), model, d);
                case Merge m -> write(keyspace(m.ks()), model, m);
                case Cas c -> {
                    touched.add(c.ks());
                    boolean actual = keyspace(c.ks()).compareAndSet(c.key(), c.expected(), c.next());
                    boolean expected = model.cas(c.ks(), c.key(), c.expected(), c.next(), now());
                    check("compareAndSet result", expected, actual);
                }
                case Expire e -> {
                    touched.add(e.ks());
                    boolean actual = keyspace(e.ks()).expire(e.key(), Duration.ofMillis(e.ttlMillis()));
                    check("expire result", model.expire(e.ks(), e.key(), e.ttlMillis(), now()), actual);
                }
                case Persist p -> {
                    touched.add(p.ks());
                    boolean actual = keyspace(p.ks()).persist(p.key());
                    check("persist result", model.persist(p.ks(), p.key(), now()), actual);
                }
                case Get _, Contains _, GetAll _, Ttl _, Scan _, Count _ -> read(keyspaceOf(op), model, op, "store");
                case Batch b -> batch(b);
                case Txn t -> transaction(t);
                case Conflict c -> conflict(c);
                case SnapshotOpen s -> {
                    if (!snapshots.containsKey(s.id())) {
                        snapshots.put(s.id(), store.snapshot());
                        snapshotModels.put(s.id(), model.copy());
                    }
                }
                case SnapshotCheck s -> {
                    KvSnapshot snap = snapshots.get(s.id());
                    if (snap != null) {
                        Model then = snapshotModels.get(s.id());
                        KvReader view = snapshotView(snap, s.ks());
                        read(view, then, new Scan(s.ks(), s.range()), "snapshot #" + s.id());
                        read(view, then, new Count(s.ks()), "snapshot #" + s.id());
                    }
                }
                case SnapshotClose s -> {
                    KvSnapshot snap = snapshots.remove(s.id());
                    snapshotModels.remove(s.id());
                    if (snap != null) {
                        snap.close();
                    }
                }
                case Advance a -> clock.advance(Duration.ofMillis(a.millis()));
                case Purge _ -> {
                    long max = model.expiredCount(now());
                    long removed = store.purgeExpired();
                    if (removed < 0 || removed > max) {
                        throw new AssertionError("purgeExpired removed " + removed + " entries; at most " + max + " were expired");
                    }
                    model.purge(now());
                    verifyAll();
                }
                case Drop d -> drop(d);
                case Reopen _ -> {
                    closeSnapshots();
                    store.close();
                    store = factory.open(dir, config);
                    verifyAll();
                }
            }
            if (op instanceof Put || op instanceof PutTtl || op instanceof Delete || op instanceof Merge
                    || op instanceof Cas || op instanceof Expire || op instanceof Persist) {
                verifySpace(keyspaceName(op));
            }
        }

        private KvReader keyspaceOf(ModelOp op) {
            return keyspace(keyspaceName(op));
        }

        /** Applies a write to an engine view and to {@code target}, the model it mirrors. */
        private void write(KvWriter view, Model target, ModelOp op) {
            String ks = keyspaceName(op);
            touched.add(ks);
            switch (op) {
                case Put p -> {
                    view.put(p.key(), p.value());
                    target.put(ks, p.key(), p.value(), Model.NEVER);
                }
                case PutTtl p -> {
                    view.put(p.key(), p.value(), Duration.ofMillis(p.ttlMillis()));
                    target.put(ks, p.key(), p.value(), now() + p.ttlMillis());
                }
                case Delete d -> {
                    view.delete(d.key());
                    target.delete(ks, d.key());
                }
                case Merge m -> {
                    view.merge(m.key(), Kit.i64(m.operand()));
                    target.merge(ks, m.key(), m.operand(), now());
                }
                default -> throw new IllegalArgumentException("not a blind write: " + op);
            }
        }

        /** Runs a read on an engine view and checks it against {@code expected}. */
        private void read(KvReader view, Model expected, ModelOp op, String where) {
            long now = now();
            switch (op) {
                case Get g -> {
                    byte[] want = expected.get(g.ks(), g.key(), now);
                    byte[] got = view.get(g.key());
                    if (!Arrays.equals(want, got)) {
                        throw mismatch(where + " get " + ModelOp.hex(g.key()), want, got);
                    }
                }
                case Contains c -> check(where + " contains " + ModelOp.hex(c.key()),
                        expected.get(c.ks(), c.key(), now) != null, view.contains(c.key()));
                case GetAll g -> {
                    List<byte[]> got = view.getAll(g.keys());
                    List<byte[]> want = g.keys().stream().map(k -> expected.get(g.ks(), k, now)).toList();
                    boolean same = got != null && got.size() == want.size();
                    for (int i = 0; same && i < want.size(); i++) {
                        same = Arrays.equals(want.get(i), got.get(i));
                    }
                    if (!same) {
                        throw mismatch(where + " getAll", want, got);
                    }
                }
                case Ttl t -> {
                    Optional<Long> want = expected.ttl(t.ks(), t.key(), now);
                    Optional<Duration> got = view.ttl(t.key());
                    boolean ok = want.isPresent() == got.isPresent() && (want.isEmpty()
                            || (got.get().toMillis() <= want.get() && got.get().toMillis() >= want.get() - TTL_SLACK_MILLIS));
                    if (!ok) {
                        throw mismatch(where + " ttl " + ModelOp.hex(t.key()) + " (ms)", want, got.map(Duration::toMillis));
                    }
                }
                case Scan s -> {
                    List<KvEntry> want = expected.scan(s.ks(), s.range().toKeyRange(), now);
                    List<KvEntry> got = Kit.scan(view, s.range().toKeyRange());
                    if (!want.equals(got)) {
                        throw mismatch(where + " scan " + s.ks() + " " + s.range(), want, got);
                    }
                }
                case Count c -> check(where + " count " + c.ks(), expected.count(c.ks(), now), view.count());
                default -> throw new IllegalArgumentException("not a read: " + op);
            }
        }

        private void batch(Batch b) {
            WriteBatch batch = new WriteBatch();
            Model next = model.copy();
            for (ModelOp op : b.ops()) {
                String ks = keyspaceName(op);
                touched.add(ks);
                switch (op) {
                    case Put p -> {
                        batch.put(ks, p.key(), p.value());
                        next.put(ks, p.key(), p.value(), Model.NEVER);
                    }
                    case PutTtl p -> {
                        batch.put(ks, p.key(), p.value(), Duration.ofMillis(p.ttlMillis()));
                        next.put(ks, p.key(), p.value(), now() + p.ttlMillis());
                    }
                    case Delete d -> {
                        batch.delete(ks, d.key());
                        next.delete(ks, d.key());
                    }
                    case Merge m -> {
                        batch.merge(ks, m.key(), Kit.i64(m.operand()));
                        next.merge(ks, m.key(), m.operand(), now());
                    }
                    default -> throw new IllegalArgumentException("not a batch operation: " + op);
                }
            }
            store.write(batch);
            model = next;
            verifySpaces(b.ops());
        }

        private void transaction(Txn t) {
            Model view = model.copy();
            try (KvTxn txn = store.begin()) {
                for (ModelOp op : t.ops()) {
                    String ks = keyspaceName(op);
                    if (op instanceof Put || op instanceof PutTtl || op instanceof Delete || op instanceof Merge) {
                        write(txnView(txn, ks), view, op);
                    } else {
                        read(txnView(txn, ks), view, op, "transaction");
                    }
                }
                if (t.commit()) {
                    txn.commit();
                    model = view;
                } else {
                    txn.rollback();
                }
            }
            verifySpaces(t.ops());
        }

        private void conflict(Conflict c) {
            touched.add(c.ks());
            KvTxn loser = store.begin();
            try (loser) {
                try (KvTxn winner = store.begin()) {
                    txnView(winner, c.ks()).put(c.key(), c.winner());
                    winner.commit();
                }
                model.put(c.ks(), c.key(), c.winner(), Model.NEVER);
                Model scratch = model.copy();
                write(txnView(loser, c.ks()), scratch, new Put(c.ks(), c.key(), c.loser()));
                for (ModelOp op : c.extra()) {
                    write(txnView(loser, keyspaceName(op)), scratch, op);
                }
                try {
                    loser.commit();
                } catch (TxnConflictException expected) {
                    verifySpaces(c.extra());
                    verifySpace(c.ks());
                    return;
                }
            }
            throw new AssertionError("commit of a transaction whose key " + ModelOp.hex(c.key())
                    + " another transaction changed after it began did not raise TxnConflictException");
        }

        private void drop(Drop d) {
            boolean mustExist = model.hasLive(d.ks(), now());
            boolean mustNotExist = !touched.contains(d.ks());
            boolean actual = store.dropKeyspace(d.ks());
            if (mustExist && !actual) {
                throw new AssertionError("dropKeyspace(" + d.ks() + ") returned false for a keyspace holding live keys");
            }
            if (mustNotExist && actual) {
                throw new AssertionError("dropKeyspace(" + d.ks()
                        + ") returned true for a keyspace never written (or dropped and not written since)");
            }
            model.drop(d.ks());
            touched.remove(d.ks());
            dropped.add(d.ks());
            verifySpace(d.ks());
            verifyListing();
        }

        private void verifySpaces(List<ModelOp> ops) {
            ops.stream().map(ModelRunner::keyspaceName).distinct().forEach(this::verifySpace);
        }

        /** Checks a whole keyspace: every live entry in order, and the count. */
        void verifySpace(String ks) {
            read(keyspace(ks), model, new Scan(ks, new ModelOp.Range(ModelOp.Range.Kind.ALL, null, null, false)), "store");
            read(keyspace(ks), model, new Count(ks), "store");
        }

        void verifyAll() {
            Set<String> names = new TreeSet<>(model.names());
            names.addAll(dropped);
            for (String ks : names) {
                verifySpace(ks);
                read(keyspace(ks), model, new Scan(ks, new ModelOp.Range(ModelOp.Range.Kind.ALL, null, null, true)), "store");
            }
            verifyListing();
        }

        private void verifyListing() {
            Set<String> listed = store.keyspaces();
            List<String> sorted = new ArrayList<>(listed);
            sorted.sort(String::compareTo);
            if (!new ArrayList<>(listed).equals(sorted)) {
                throw new AssertionError("keyspaces() is not sorted: " + listed);
            }
            if (!listed.contains(KvStore.DEFAULT_KEYSPACE)) {
                throw new AssertionError("keyspaces() lacks the default keyspace: " + listed);
            }
            for (String ks : model.names()) {
                if (model.hasLive(ks, now()) && !listed.contains(ks)) {
                    throw new AssertionError("keyspaces() lacks '" + ks + "', which holds live keys: " + listed);
                }
            }
            for (String ks : dropped) {
                if (!touched.contains(ks) && listed.contains(ks)) {
                    throw new AssertionError("keyspaces() lists '" + ks + "', dropped and not written since: " + listed);
                }
            }
        }

        private void check(String what, Object expected, Object actual) {
            if (!Objects.equals(expected, actual)) {
                throw mismatch(what, expected, actual);
            }
        }

        private void closeSnapshots() {
            snapshots.values().forEach(KvSnapshot::close);
            snapshots.clear();
            snapshotModels.clear();
        }

        void closeStore() {
            closeSnapshots();
            store.close();
        }

        void closeQuietly(Throwable primary) {
            try {
                if (store != null) {
                    closeStore();
                }
            } catch (Throwable t) {
                primary.addSuppressed(t);
            }
        }
    }

    /** The keyspace an operation addresses. */
    static String keyspaceName(ModelOp op) {
        return switch (op) {
            case Put p -> p.ks();
            case PutTtl p -> p.ks();
            case Delete d -> d.ks();
            case Merge m -> m.ks();
            case Cas c -> c.ks();
            case Expire e -> e.ks();
            case Persist p -> p.ks();
            case Get g -> g.ks();
            case Contains c -> c.ks();
            case GetAll g -> g.ks();
            case Ttl t -> t.ks();
            case Scan s -> s.ks();
            case Count c -> c.ks();
            case Conflict c -> c.ks();
            case SnapshotCheck s -> s.ks();
            case Drop d -> d.ks();
            default -> KvStore.DEFAULT_KEYSPACE;
        };
    }
}
