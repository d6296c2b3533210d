package dev.oxistore.testkit;

import static dev.oxistore.kv.Capability.BACKUP;
import static dev.oxistore.kv.Capability.KEYSPACES;
import static dev.oxistore.kv.Capability.MERGE;
import static dev.oxistore.kv.Capability.PERSISTENT;
import static dev.oxistore.kv.Capability.READ_ONLY_OPEN;
import static dev.oxistore.kv.Capability.SNAPSHOTS;
import static dev.oxistore.kv.Capability.TRANSACTIONS;
import static dev.oxistore.kv.Capability.TTL;
import static dev.oxistore.kv.Capability.WATCH;
import static dev.oxistore.testkit.Kit.b;
import static dev.oxistore.testkit.Kit.bytes;
import static dev.oxistore.testkit.Kit.drain;
import static dev.oxistore.testkit.Kit.e;
import static dev.oxistore.testkit.Kit.hexKeys;
import static dev.oxistore.testkit.Kit.i64;
import static dev.oxistore.testkit.Kit.keys;
import static dev.oxistore.testkit.Kit.s;
import static dev.oxistore.testkit.Kit.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReader;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.MergeOperator;
import dev.oxistore.kv.ReadOnlyStoreException;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.TxnConflictException;
import dev.oxistore.kv.UnsupportedFeatureException;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite every key-value engine passes: one test per rule of the contract in the
 * Javadoc of {@code dev.oxistore.kv}, and per edge of each method. An engine's test extends it and
 * supplies {@link #factory()}:
 *
 * <pre>{@code
 * class BTreeConformanceTest extends KvStoreConformanceSuite {
 *     protected StoreFactory factory() { return new BTreeFactory(); }
 * }
 * }</pre>
 *
 * <p>Every test gets a fresh {@link TempDir} and a fresh {@link ManualClock}; stores are built
 * through {@link StoreConfig} (the clock, merge operators, limits, read-only). Tests of an optional
 * {@link Capability} are skipped by assumption when the engine lacks it, and
 * {@link #missingCapabilitiesRaiseUnsupportedFeature()} checks that using it fails cleanly instead.
 * Persistence tests run only when {@link StoreFactory#persistent()}.
 *
 * <p>Expiry instants in these tests never coincide with the clock (TTLs end on half seconds, the
 * clock moves in whole seconds), so no test depends on whether a key expires at or after its instant.
 */
public abstract class KvStoreConformanceSuite {

    /** Where this test's stores live: the store in {@code store/}, anything else beside it. */
    @TempDir
    protected Path tempDir;

    /** The clock of every store this test opens; TTL tests move it by hand. */
    protected final ManualClock clock = new ManualClock();

    private final Deque<KvStore> opened = new ArrayDeque<>();
    private ExecutorService executor;

    /** The engine under test. */
    protected abstract StoreFactory factory();

    /**
     * Adds engine-specific options (e.g. {@code engineOption("pageSize", "512")}) to every store
     * the suite opens. Do not set the options the suite sets itself: clock, merge operator,
     * read-only, createIfMissing, key and value limits.
     */
    protected void configure(StoreConfig.Builder builder) {
    }

    // ------------------------------------------------------------------ harness

    /** A configuration with this test's clock, {@code options}, and {@link #configure}. */
    protected final StoreConfig config(Consumer<StoreConfig.Builder> options) {
        StoreConfig.Builder builder = StoreConfig.builder().clock(clock);
        options.accept(builder);
        configure(builder);
        return builder.build();
    }

    /** A configuration with this test's clock and {@link #configure}. */
    protected final StoreConfig config() {
        return config(b -> { });
    }

    /** The directory of this test's store. */
    protected final Path storeDir() {
        return Kit.mkdirs(tempDir.resolve("store"));
    }

    /** Opens (or reopens) this test's store; it is closed after the test. */
    protected final KvStore open(StoreConfig config) {
        KvStore store = factory().open(storeDir(), config);
        opened.push(store);
        return store;
    }

    /** Opens this test's store with {@link #config()}. */
    protected final KvStore open() {
        return open(config());
    }

    /** Closes {@code store} and opens the same directory again with {@code config}. */
    protected final KvStore reopen(KvStore store, StoreConfig config) {
        store.close();
        return open(config);
    }

    /** Opens the store with {@code operator}, skipping the test when the engine cannot merge. */
    protected final KvStore openWithMerge(MergeOperator operator) {
        KvStore store = openAllowingMerge(operator, b -> { });
        assumeCapability(store, MERGE);
        return store;
    }

    /**
     * Opens the store with {@code operator} and {@code options}; an engine without
     * {@link Capability#MERGE} may refuse the operator at open, and then gets the store without it.
     */
    protected final KvStore openAllowingMerge(MergeOperator operator, Consumer<StoreConfig.Builder> options) {
        try {
            return open(config(b -> options.accept(b.mergeOperator(operator))));
        } catch (UnsupportedFeatureException e) {
            if (e.capability() != MERGE) {
                throw e;
            }
            return open(config(options));
        }
    }

    /** Skips the test unless {@code store} offers every one of {@code capabilities}. */
    protected static void assumeCapability(KvStore store, Capability... capabilities) {
        for (Capability c : capabilities) {
            assumeTrue(store.capabilities().contains(c), () -> store.kind() + " lacks " + c);
        }
    }

    /** Skips the test unless the factory's stores survive a reopen. */
    protected final void assumePersistent() {
        assumeTrue(factory().persistent(), "the factory's stores do not survive close()");
    }

    /** Runs {@code task} on another thread. */
    protected final <T> Future<T> fork(Callable<T> task) {
        if (executor == null) {
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "conformance-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return executor.submit(task);
    }

    /** Closes every store the test opened (closing twice is part of the contract anyway). */
    @AfterEach
    public void closeStores() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(Kit.HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            executor = null;
        }
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    private static boolean has(KvStore store, Capability c) {
        return store.capabilities().contains(c);
    }

    /** Labelled calls that must all fail with one exception type; reports every offender at once. */
    private static final class Calls {
        private final Map<String, ThrowingCallable> calls = new LinkedHashMap<>();

        Calls add(String label, ThrowingCallable call) {
            calls.put(label, call);
            return this;
        }

        Calls addIf(boolean condition, String label, ThrowingCallable call) {
            return condition ? add(label, call) : this;
        }

        void allThrow(Class<? extends Throwable> type) {
            List<String> wrong = new ArrayList<>();
            calls.forEach((label, call) -> {
                Throwable thrown = catchThrowable(call);
                if (!type.isInstance(thrown)) {
                    wrong.add(label + ": " + (thrown == null ? "returned normally" : "threw " + thrown));
                }
            });
            if (!wrong.isEmpty()) {
                throw new AssertionError("expected " + type.getSimpleName() + " from every call, but:\n  "
                        + String.join("\n  ", wrong));
            }
        }
    }

    private static final String[] FIXTURE = {"a", "ab", "abc", "b", "ba", "c"};

    /** A store holding {@link #FIXTURE}, each key with the value "v" + key. */
    private KvStore fixture() {
        KvStore store = open();
        for (String k : FIXTURE) {
            store.put(b(k), b("v" + k));
        }
        return store;
    }

    private static List<String> scanKeys(KvReader reader, KeyRange range) {
        return keys(scan(reader, range));
    }

    private static final Duration TTL_10_5 = Duration.ofMillis(10_500);

    private void advanceSeconds(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    // ------------------------------------------------------------------ argument checks

    @Test
    public void nullKeyIsRejectedByEveryKeyedMethod() {
        KvStore s = openAllowingMerge(MergeOperator.append(), b -> { });
        byte[] v = b("v");
        new Calls()
                .add("get", () -> s.get(null))
                .add("contains", () -> s.contains(null))
                .add("getAll", () -> s.getAll(Arrays.asList(b("a"), null)))
                .add("ttl", () -> s.ttl(null))
                .add("put", () -> s.put(null, v))
                .add("delete", () -> s.delete(null))
                .add("compareAndSet", () -> s.compareAndSet(null, null, v))
                .add("WriteBatch.put", () -> new WriteBatch().put(null, v))
                .add("WriteBatch.delete", () -> new WriteBatch().delete(null))
                .addIf(has(s, TTL), "put with ttl", () -> s.put(null, v, TTL_10_5))
                .addIf(has(s, TTL), "expire", () -> s.expire(null, TTL_10_5))
                .addIf(has(s, TTL), "persist", () -> s.persist(null))
                .addIf(has(s, MERGE), "merge", () -> s.merge(null, v))
                .allThrow(InvalidArgumentException.class);
        assertThat(s.count()).isZero();
    }

    @Test
    public void emptyKeyIsRejectedByEveryKeyedMethod() {
        KvStore s = openAllowingMerge(MergeOperator.append(), b -> { });
        byte[] empty = new byte[0];
        byte[] v = b("v");
        new Calls()
                .add("get", () -> s.get(empty))
                .add("contains", () -> s.contains(empty))
                .add("getAll", () -> s.getAll(List.of(b("a"), empty)))
                .add("ttl", () -> s.ttl(empty))
                .add("put", () -> s.put(empty, v))
                .add("delete", () -> s.delete(empty))
                .add("compareAndSet", () -> s.compareAndSet(empty, null, v))
                .add("WriteBatch.put", () -> new WriteBatch().put(empty, v))
                .add("WriteBatch.merge", () -> new WriteBatch().merge(empty, v))
                .addIf(has(s, TTL), "put with ttl", () -> s.put(empty, v, TTL_10_5))
                .addIf(has(s, TTL), "expire", () -> s.expire(empty, TTL_10_5))
                .addIf(has(s, TTL), "persist", () -> s.persist(empty))
                .addIf(has(s, MERGE), "merge", () -> s.merge(empty, v))
                .allThrow(InvalidArgumentException.class);
        assertThat(s.count()).isZero();
    }

    @Test
    public void badKeysAreRejectedInKeyspacesSnapshotsAndTransactions() {
        KvStore s = open();
        byte[] v = b("v");
        Calls calls = new Calls();
        if (has(s, KEYSPACES)) {
            Keyspace ks = s.keyspace("other");
            calls.add("keyspace get null", () -> ks.get(null))
                    .add("keyspace put empty", () -> ks.put(new byte[0], v))
                    .add("keyspace CAS null", () -> ks.compareAndSet(null, null, v));
        }
        if (has(s, SNAPSHOTS)) {
            KvSnapshot snap = s.snapshot();
            calls.add("snapshot get null", () -> snap.get(null))
                    .add("snapshot contains empty", () -> snap.contains(new byte[0]))
                    .add("snapshot ttl null", () -> snap.ttl(null));
        }
        if (has(s, TRANSACTIONS)) {
            KvTxn txn = s.begin();
            calls.add("txn get null", () -> txn.get(null))
                    .add("txn put null", () -> txn.put(null, v))
                    .add("txn put empty", () -> txn.put(new byte[0], v))
                    .add("txn delete empty", () -> txn.delete(new byte[0]))
                    .add("txn put null value", () -> txn.put(b("k"), null));
        }
        assumeFalse(calls.calls.isEmpty(), "no keyspaces, snapshots or transactions");
        calls.allThrow(InvalidArgumentException.class);
    }

    @Test
    public void nullValueIsRejectedAndLeavesTheKeyAlone() {
        KvStore s = openAllowingMerge(MergeOperator.append(), b -> { });
        byte[] k = b("k");
        s.put(k, b("old"));
        new Calls()
                .add("put", () -> s.put(k, null))
                .add("WriteBatch.put", () -> new WriteBatch().put(k, null))
                .add("WriteBatch.merge", () -> new WriteBatch().merge(k, null))
                .addIf(has(s, TTL), "put with ttl", () -> s.put(k, null, TTL_10_5))
                .addIf(has(s, MERGE), "merge", () -> s.merge(k, null))
                .allThrow(InvalidArgumentException.class);
        assertThat(s(s.get(k))).isEqualTo("old");
    }

    @Test
    public void keysLongerThanMaxKeySizeAreRejected() {
        KvStore s = openAllowingMerge(MergeOperator.append(), b -> b.maxKeySize(8));
        byte[] longest = b("12345678");
        byte[] over = b("123456789");
        byte[] v = b("v");
        s.put(longest, v);
        assertThat(s.get(longest)).isEqualTo(v);
        new Calls()
                .add("get", () -> s.get(over))
                .add("contains", () -> s.contains(over))
                .add("getAll", () -> s.getAll(List.of(longest, over)))
                .add("ttl", () -> s.ttl(over))
                .add("put", () -> s.put(over, v))
                .add("delete", () -> s.delete(over))
                .add("compareAndSet", () -> s.compareAndSet(over, null, v))
                .add("write", () -> s.write(new WriteBatch().put(b("ok"), v).put(over, v)))
                .addIf(has(s, TTL), "put with ttl", () -> s.put(over, v, TTL_10_5))
                .addIf(has(s, TTL), "expire", () -> s.expire(over, TTL_10_5))
                .addIf(has(s, TTL), "persist", () -> s.persist(over))
                .addIf(has(s, MERGE), "merge", () -> s.merge(over, v))
                .addIf(has(s, TRANSACTIONS), "txn put", () -> {
                    try (KvTxn t = s.begin()) {
                        t.put(over, v);
                    }
                })
                .addIf(has(s, TRANSACTIONS), "txn get", () -> {
                    try (KvTxn t = s.begin()) {
                        t.get(over);
                    }
                })
                .allThrow(InvalidArgumentException.class);
        assertThat(s.get(b("ok"))).as("the rejected batch's first put").isNull();
        assertThat(s.count()).isEqualTo(1);
    }

    @Test
    public void valuesLongerThanMaxValueSizeAreRejected() {
        KvStore s = open(config(b -> b.maxValueSize(8)));
        byte[] k = b("k");
        byte[] longest = b("12345678");
        byte[] over = b("123456789");
        s.put(k, b("old"));
        s.put(b("max"), longest);
        s.put(b("empty"), new byte[0]);
        assertThat(s.get(b("max"))).isEqualTo(longest);
        assertThat(s.get(b("empty"))).isEmpty();
        new Calls()
                .add("put", () -> s.put(k, over))
                .add("compareAndSet", () -> s.compareAndSet(k, b("old"), over))
                .add("write", () -> s.write(new WriteBatch().put(b("other"), b("ok")).put(k, over)))
                .addIf(has(s, TTL), "put with ttl", () -> s.put(k, over, TTL_10_5))
                .addIf(has(s, TRANSACTIONS), "txn put", () -> {
                    try (KvTxn t = s.begin()) {
                        t.put(k, over);
                    }
                })
                .allThrow(InvalidArgumentException.class);
        assertThat(s(s.get(k))).isEqualTo("old");
        assertThat(s.get(b("other"))).as("the rejected batch's first put").isNull();
    }

    @Test
    public void badKeyspaceNamesAreRejected() {
        KvStore s = open();
        List<String> bad = Arrays.asList(null, "", "a b", "a/b", "x:y", "tab\t", "dot*", "x".repeat(256));
        Calls calls = new Calls();
        for (String name : bad) {
            String label = name == null ? "null" : "'" + name + "'";
            calls.add("WriteBatch.put " + label, () -> new WriteBatch().put(name, b("k"), b("v")))
                    .add("dropKeyspace " + label, () -> s.dropKeyspace(name))
                    .addIf(has(s, KEYSPACES), "keyspace " + label, () -> s.keyspace(name))
                    .addIf(has(s, SNAPSHOTS), "snapshot.keyspace " + label, () -> {
                        try (KvSnapshot snap = s.snapshot()) {
                            snap.keyspace(name);
                        }
                    })
                    .addIf(has(s, TRANSACTIONS), "txn.keyspace " + label, () -> {
                        try (KvTxn t = s.begin()) {
                            t.keyspace(name);
                        }
                    });
        }
        calls.allThrow(InvalidArgumentException.class);
        if (has(s, KEYSPACES)) {
            for (String good : List.of("a", "A-b_c.9", "x".repeat(255))) {
                s.keyspace(good).put(b("k"), b(good));
                assertThat(s(s.keyspace(good).get(b("k")))).isEqualTo(good);
                assertThat(s.keyspace(good).name()).isEqualTo(good);
            }
        }
    }

    @Test
    public void nonPositiveTtlIsRejected() {
        KvStore s = open();
        assumeCapability(s, TTL);
        byte[] k = b("k");
        s.put(k, b("v"));
        Calls calls = new Calls();
        for (Duration ttl : Arrays.asList(null, Duration.ZERO, Duration.ofMillis(-1), Duration.ofDays(-3))) {
            calls.add("put " + ttl, () -> s.put(k, b("w"), ttl))
                    .add("expire " + ttl, () -> s.expire(k, ttl))
                    .add("WriteBatch.put " + ttl, () -> new WriteBatch().put(k, b("w"), ttl))
                    .addIf(has(s, TRANSACTIONS), "txn put " + ttl, () -> {
                        try (KvTxn t = s.begin()) {
                            t.put(k, b("w"), ttl);
                        }
                    });
        }
        calls.allThrow(InvalidArgumentException.class);
        assertThat(s(s.get(k))).isEqualTo("v");
        assertThat(s.ttl(k)).isEmpty();
    }

    @Test
    public void nullArgumentsOfOtherKindsAreRejected() {
        KvStore s = open();
        new Calls()
                .add("scan(null)", () -> s.scan(null))
                .add("getAll(null)", () -> s.getAll(null))
                .add("write(null)", () -> s.write(null))
                .add("inTransaction(0)", () -> s.inTransaction(0, t -> null))
                .add("KeyRange.prefix(null)", () -> KeyRange.prefix(null))
                .add("KeyRange.between(null, x)", () -> KeyRange.between(null, b("x")))
                .add("KeyRange.between(x, null)", () -> KeyRange.between(b("x"), null))
                .add("KeyRange.atLeast(null)", () -> KeyRange.atLeast(null))
                .add("KeyRange.lessThan(null)", () -> KeyRange.lessThan(null))
                .addIf(has(s, WATCH), "watch(null prefix)", () -> s.watch(null, e -> { }))
                .addIf(has(s, WATCH), "watch(null listener)", () -> s.watch(b("p"), null))
                .addIf(has(s, SNAPSHOTS), "snapshot.scan(null)", () -> {
                    try (KvSnapshot snap = s.snapshot()) {
                        snap.scan(null);
                    }
                })
                .addIf(has(s, TRANSACTIONS), "txn.scan(null)", () -> {
                    try (KvTxn t = s.begin()) {
                        t.scan(null);
                    }
                })
                .allThrow(InvalidArgumentException.class);
    }

    @Test
    public void invertedRangeIsRejectedAndUnsignedOrderDecides() {
        assertThatThrownBy(() -> KeyRange.between(b("b"), b("a"))).isInstanceOf(InvalidArgumentException.class);
        // 0x80 sorts after 0x7F as an unsigned byte, so this pair is inverted...
        assertThatThrownBy(() -> KeyRange.between(bytes(0x80), bytes(0x7F))).isInstanceOf(InvalidArgumentException.class);
        // ...and this one is not.
        KvStore s = open();
        s.put(bytes(0x7F), b("low"));
        s.put(bytes(0x80), b("high"));
        assertThat(hexKeys(scan(s, KeyRange.between(bytes(0x7F), bytes(0x81))))).containsExactly("7f", "80");
    }

    // ------------------------------------------------------------------ point operations

    @Test
    public void putThenGetReturnsTheValue() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        assertThat(s(s.get(b("k")))).isEqualTo("v");
        assertThat(s.contains(b("k"))).isTrue();
    }

    @Test
    public void getOfAnAbsentKeyIsNull() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        assertThat(s.get(b("x"))).isNull();
        assertThat(s.get(b("k\0"))).isNull();
        assertThat(s.contains(b("x"))).isFalse();
    }

    @Test
    public void putOverwritesTheValue() {
        KvStore s = open();
        s.put(b("k"), b("one"));
        s.put(b("k"), b("two"));
        assertThat(s(s.get(b("k")))).isEqualTo("two");
        assertThat(s.count()).isEqualTo(1);
    }

    @Test
    public void deleteRemovesTheKeyAndDeletingAnAbsentKeyDoesNothing() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        s.put(b("j"), b("w"));
        s.delete(b("k"));
        s.delete(b("k"));
        s.delete(b("never"));
        assertThat(s.get(b("k"))).isNull();
        assertThat(s.contains(b("k"))).isFalse();
        assertThat(s(s.get(b("j")))).isEqualTo("w");
        assertThat(s.count()).isEqualTo(1);
        s.put(b("k"), b("again"));
        assertThat(s(s.get(b("k")))).isEqualTo("again");
    }

    @Test
    public void emptyValueIsPresentAndDistinctFromAbsent() {
        KvStore s = open();
        s.put(b("k"), new byte[0]);
        assertThat(s.get(b("k"))).isNotNull().isEmpty();
        assertThat(s.contains(b("k"))).isTrue();
        assertThat(s.count()).isEqualTo(1);
        assertThat(scan(s, KeyRange.all())).containsExactly(new KvEntry(b("k"), new byte[0]));
    }

    @Test
    public void everyByteValueRoundTripsInKeysAndValues() {
        KvStore s = open();
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            s.put(bytes(i), bytes(255 - i, 0, i));
        }
        s.put(all, all);
        s.put(bytes(0, 0, 0), bytes(0));
        for (int i = 0; i < 256; i++) {
            assertThat(s.get(bytes(i))).as("key %02x", i).isEqualTo(bytes(255 - i, 0, i));
        }
        assertThat(s.get(all)).isEqualTo(all);
        assertThat(s.get(bytes(0, 0, 0))).isEqualTo(bytes(0));
        assertThat(s.count()).isEqualTo(258);
    }

    @Test
    public void aLargeValueRoundTrips() {
        KvStore s = open();
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        s.put(b("big"), big);
        s.put(b("small"), b("s"));
        assertThat(Arrays.equals(s.get(b("big")), big)).as("1 MiB value round trip").isTrue();
        List<KvEntry> scanned = scan(s, KeyRange.prefix(b("big")));
        assertThat(scanned).hasSize(1);
        assertThat(Arrays.equals(scanned.getFirst().value(), big)).isTrue();
    }

    @Test
    public void getAllReturnsValuesInRequestOrderWithNulls() {
        KvStore s = open();
        s.put(b("a"), b("1"));
        s.put(b("c"), b("3"));
        List<byte[]> values = s.getAll(List.of(b("c"), b("b"), b("a"), b("c"), b("zz")));
        assertThat(values).hasSize(5);
        assertThat(values.stream().map(Kit::s).toList()).containsExactly("3", null, "1", "3", null);
        assertThat(s.getAll(List.of())).isEmpty();
    }

    @Test
    public void countCountsLiveKeysOfThisKeyspaceOnly() {
        KvStore s = open();
        assertThat(s.count()).isZero();
        s.put(b("a"), b("1"));
        s.put(b("b"), b("2"));
        s.put(b("c"), b("3"));
        s.put(b("a"), b("overwritten"));
        s.delete(b("b"));
        assertThat(s.count()).isEqualTo(2);
        if (has(s, KEYSPACES)) {
            s.keyspace("other").put(b("x"), b("y"));
            assertThat(s.count()).isEqualTo(2);
            assertThat(s.keyspace("other").count()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ arrays are copies

    @Test
    public void returnedArraysAreCopiesOwnedByTheCaller() {
        KvStore s = open();
        s.put(b("k"), b("value"));
        s.get(b("k"))[0] = 'X';
        s.getAll(List.of(b("k"))).getFirst()[0] = 'Y';
        try (KvCursor c = s.scan(KeyRange.all())) {
            KvEntry entry = c.next();
            entry.key()[0] = 'Z';
            entry.value()[0] = 'Z';
        }
        if (has(s, SNAPSHOTS)) {
            try (KvSnapshot snap = s.snapshot()) {
                snap.get(b("k"))[0] = 'S';
                drain(snap.scan(KeyRange.all())).getFirst().value()[1] = 'S';
            }
        }
        if (has(s, TRANSACTIONS)) {
            try (KvTxn t = s.begin()) {
                t.get(b("k"))[0] = 'T';
                t.put(b("t"), b("txn"));
                t.get(b("t"))[0] = 'T';
                drain(t.scan(KeyRange.all())).getLast().value()[1] = 'T';
                t.commit();
            }
            assertThat(s(s.get(b("t")))).isEqualTo("txn");
        }
        assertThat(s(s.get(b("k")))).isEqualTo("value");
        assertThat(keys(scan(s, KeyRange.all()))).contains("k");
    }

    @Test
    public void callerArraysMayBeReusedAfterTheCall() {
        KvStore s = open();
        byte[] key = b("key");
        byte[] value = b("value");
        s.put(key, value);
        key[0] = 'X';
        value[0] = 'X';
        assertThat(s(s.get(b("key")))).isEqualTo("value");
        assertThat(s.get(b("Xey"))).isNull();

        byte[] next = b("next");
        assertThat(s.compareAndSet(b("key"), b("value"), next)).isTrue();
        next[0] = 'X';
        assertThat(s(s.get(b("key")))).isEqualTo("next");

        byte[] bk = b("batch");
        byte[] bv = b("bv");
        WriteBatch batch = new WriteBatch().put(bk, bv);
        bk[0] = 'X';
        bv[0] = 'X';
        s.write(batch);
        assertThat(s(s.get(b("batch")))).isEqualTo("bv");

        byte[] from = b("a");
        byte[] to = b("z");
        KeyRange range = KeyRange.between(from, to);
        from[0] = 'z';
        to[0] = 'a';
        assertThat(scanKeys(s, range)).containsExactly("batch", "key");

        if (has(s, TRANSACTIONS)) {
            byte[] tv = b("tv");
            try (KvTxn t = s.begin()) {
                t.put(b("t"), tv);
                tv[0] = 'X';
                t.commit();
            }
            assertThat(s(s.get(b("t")))).isEqualTo("tv");
        }
    }

    // ------------------------------------------------------------------ order and ranges

    @Test
    public void keysOrderAsUnsignedBytesWithShorterPrefixFirst() {
        KvStore s = open();
        int[][] shuffled = {{0xFF}, {0x80, 0x00}, {0x00}, {0x7F, 0x00}, {0x80}, {0x01}, {0xFF, 0xFF}, {0x00, 0x00}, {0x7F}};
        for (int[] k : shuffled) {
            s.put(bytes(k), b("v"));
        }
        List<String> ascending = List.of("00", "0000", "01", "7f", "7f00", "80", "8000", "ff", "ffff");
        assertThat(hexKeys(scan(s, KeyRange.all()))).containsExactlyElementsOf(ascending);
        assertThat(hexKeys(scan(s, KeyRange.all().reversed()))).containsExactlyElementsOf(ascending.reversed());
        assertThat(hexKeys(scan(s, KeyRange.atLeast(bytes(0x80))))).containsExactly("80", "8000", "ff", "ffff");
        assertThat(hexKeys(scan(s, KeyRange.lessThan(bytes(0x80))))).containsExactly("00", "0000", "01", "7f", "7f00");
    }

    @Test
    public void scanOfEveryKeyIsAscending() {
        KvStore s = fixture();
        assertThat(scan(s, KeyRange.all())).containsExactly(
                e("a", "va"), e("ab", "vab"), e("abc", "vabc"), e("b", "vb"), e("ba", "vba"), e("c", "vc"));
    }

    @Test
    public void scanOfAnEmptyStoreIsEmpty() {
        KvStore s = open();
        try (KvCursor c = s.scan(KeyRange.all())) {
            assertThat(c.hasNext()).isFalse();
            assertThat(c.hasNext()).isFalse();
            assertThatThrownBy(c::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(scan(s, KeyRange.all().reversed())).isEmpty();
        assertThat(scan(s, KeyRange.prefix(b("a")))).isEmpty();
    }

    @Test
    public void prefixScanReturnsExactlyTheKeysWithThePrefix() {
        KvStore s = fixture();
        s.put(b("a\u007f"), b("x"));
        assertThat(scanKeys(s, KeyRange.prefix(b("ab")))).containsExactly("ab", "abc");
        assertThat(scanKeys(s, KeyRange.prefix(b("a")))).containsExactly("a", "ab", "abc", "a\u007f");
        assertThat(scanKeys(s, KeyRange.prefix(b("abc")))).containsExactly("abc");
        assertThat(scanKeys(s, KeyRange.prefix(b("abcd")))).isEmpty();
        assertThat(scanKeys(s, KeyRange.prefix(b("z")))).isEmpty();
    }

    @Test
    public void emptyPrefixScansEveryKey() {
        KvStore s = fixture();
        assertThat(scanKeys(s, KeyRange.prefix(new byte[0]))).containsExactly(FIXTURE);
        assertThat(scanKeys(s, KeyRange.prefix(new byte[0]).reversed())).containsExactlyElementsOf(List.of(FIXTURE).reversed());
    }

    @Test
    public void prefixesOfFfBytesHaveNoUpperBoundButStillMatchExactly() {
        KvStore s = open();
        int[][] keys = {{0xFE}, {0xFE, 0xFF}, {0xFF}, {0xFF, 0x00}, {0xFF, 0xFE}, {0xFF, 0xFF}, {0xFF, 0xFF, 0x00}, {0xFF, 0xFF, 0xFF}};
        for (int[] k : keys) {
            s.put(bytes(k), b("v"));
        }
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFF))))).containsExactly("ff", "ff00", "fffe", "ffff", "ffff00", "ffffff");
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFF, 0xFF))))).containsExactly("ffff", "ffff00", "ffffff");
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFF, 0xFF, 0xFF))))).containsExactly("ffffff");
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFF, 0xFF, 0xFF, 0xFF))))).isEmpty();
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFE))))).containsExactly("fe", "feff");
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFF)).reversed())))
                .containsExactly("ffffff", "ffff00", "ffff", "fffe", "ff00", "ff");
        assertThat(hexKeys(scan(s, KeyRange.prefix(bytes(0xFE, 0xFF)).reversed()))).containsExactly("feff");
    }

    @Test
    public void betweenIsHalfOpen() {
        KvStore s = fixture();
        assertThat(scanKeys(s, KeyRange.between(b("ab"), b("b")))).containsExactly("ab", "abc");
        assertThat(scanKeys(s, KeyRange.between(b("aa"), b("bb")))).containsExactly("ab", "abc", "b", "ba");
        assertThat(scanKeys(s, KeyRange.between(b("a"), b("c")))).containsExactly("a", "ab", "abc", "b", "ba");
        assertThat(scanKeys(s, KeyRange.between(b("0"), b("zz")))).containsExactly(FIXTURE);
        assertThat(scanKeys(s, KeyRange.between(b("bb"), b("bz")))).isEmpty();
    }

    @Test
    public void betweenEqualBoundsIsEmpty() {
        KvStore s = fixture();
        KeyRange empty = KeyRange.between(b("b"), b("b"));
        assertThat(empty.isEmpty()).isTrue();
        assertThat(scan(s, empty)).isEmpty();
        assertThat(scan(s, empty.reversed())).isEmpty();
    }

    @Test
    public void openEndedRangesReachTheEnds() {
        KvStore s = fixture();
        assertThat(scanKeys(s, KeyRange.atLeast(b("b")))).containsExactly("b", "ba", "c");
        assertThat(scanKeys(s, KeyRange.atLeast(b("bb")))).containsExactly("c");
        assertThat(scanKeys(s, KeyRange.atLeast(b("d")))).isEmpty();
        assertThat(scanKeys(s, KeyRange.lessThan(b("b")))).containsExactly("a", "ab", "abc");
        assertThat(scanKeys(s, KeyRange.lessThan(b("a")))).isEmpty();
        assertThat(scanKeys(s, KeyRange.lessThan(b("a\0")))).containsExactly("a");
    }

    @Test
    public void reverseScanOfEveryKeyIsDescending() {
        KvStore s = fixture();
        assertThat(scan(s, KeyRange.all().reversed())).containsExactly(
                e("c", "vc"), e("ba", "vba"), e("b", "vb"), e("abc", "vabc"), e("ab", "vab"), e("a", "va"));
    }

    @Test
    public void reversePrefixScanIsDescending() {
        KvStore s = fixture();
        assertThat(scanKeys(s, KeyRange.prefix(b("a")).reversed())).containsExactly("abc", "ab", "a");
        assertThat(scanKeys(s, KeyRange.prefix(b("b")).reversed())).containsExactly("ba", "b");
        assertThat(scanKeys(s, KeyRange.prefix(b("q")).reversed())).isEmpty();
    }

    @Test
    public void reverseBetweenScanIsDescendingAndHalfOpen() {
        KvStore s = fixture();
        assertThat(scanKeys(s, KeyRange.between(b("ab"), b("ba")).reversed())).containsExactly("b", "abc", "ab");
        assertThat(scanKeys(s, KeyRange.between(b("aa"), b("bb")).reversed())).containsExactly("ba", "b", "abc", "ab");
        assertThat(scanKeys(s, KeyRange.atLeast(b("b")).reversed())).containsExactly("c", "ba", "b");
        assertThat(scanKeys(s, KeyRange.lessThan(b("b")).reversed())).containsExactly("abc", "ab", "a");
    }

    @Test
    public void scansOfAKeyspaceStayInsideIt() {
        KvStore s = fixture();
        assumeCapability(s, KEYSPACES);
        Keyspace other = s.keyspace("other");
        other.put(b("ab"), b("other-ab"));
        other.put(b("zz"), b("other-zz"));
        assertThat(scanKeys(s, KeyRange.all())).containsExactly(FIXTURE);
        assertThat(scan(other, KeyRange.all())).containsExactly(e("ab", "other-ab"), e("zz", "other-zz"));
        assertThat(scan(other, KeyRange.prefix(b("a")).reversed())).containsExactly(e("ab", "other-ab"));
        assertThat(scanKeys(s.keyspace("never-written"), KeyRange.all())).isEmpty();
    }

    // ------------------------------------------------------------------ cursors

    @Test
    public void cursorNextWorksWithoutHasNextAndHasNextDoesNotAdvance() {
        KvStore s = fixture();
        try (KvCursor c = s.scan(KeyRange.all())) {
            assertThat(s(c.next().key())).isEqualTo("a");
            assertThat(c.hasNext()).isTrue();
            assertThat(c.hasNext()).isTrue();
            assertThat(s(c.next().key())).isEqualTo("ab");
            assertThat(s(c.next().key())).isEqualTo("abc");
        }
    }

    @Test
    public void cursorRaisesNoSuchElementAtTheEnd() {
        KvStore s = open();
        s.put(b("only"), b("v"));
        try (KvCursor c = s.scan(KeyRange.all())) {
            assertThat(c.next()).isEqualTo(e("only", "v"));
            assertThat(c.hasNext()).isFalse();
            assertThatThrownBy(c::next).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(c::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    public void closingACursorTwiceIsHarmlessAndUseAfterCloseFails() {
        KvStore s = fixture();
        KvCursor c = s.scan(KeyRange.all());
        assertThat(c.hasNext()).isTrue();
        c.close();
        assertThatCode(c::close).doesNotThrowAnyException();
        assertThatThrownBy(c::hasNext).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(c::next).isInstanceOf(StoreClosedException.class);
        assertThat(s.count()).as("the store outlives its cursor").isEqualTo(FIXTURE.length);
    }

    @Test
    public void streamYieldsTheEntriesAndClosingItClosesTheCursor() {
        KvStore s = fixture();
        KvCursor c = s.scan(KeyRange.prefix(b("a")));
        List<String> seen;
        try (Stream<KvEntry> stream = c.stream()) {
            seen = stream.map(en -> s(en.key())).toList();
        }
        assertThat(seen).containsExactly("a", "ab", "abc");
        assertThatThrownBy(c::hasNext).isInstanceOf(StoreClosedException.class);

        KvCursor partial = s.scan(KeyRange.all().reversed());
        try (Stream<KvEntry> stream = partial.stream()) {
            assertThat(stream.limit(2).map(en -> s(en.key())).toList()).containsExactly("c", "ba");
        }
        assertThatThrownBy(partial::next).isInstanceOf(StoreClosedException.class);
    }

    @Test
    public void cursorSeesThePointInTimeItWasOpenedAt() {
        KvStore s = fixture();
        try (KvCursor c = s.scan(KeyRange.all())) {
            assertThat(s(c.next().key())).isEqualTo("a");
            s.put(b("aa"), b("new"));
            s.put(b("bb"), b("new"));
            s.delete(b("b"));
            s.put(b("ba"), b("changed"));
            List<KvEntry> rest = new ArrayList<>();
            c.forEachRemaining(rest::add);
            assertThat(rest).containsExactly(e("ab", "vab"), e("abc", "vabc"), e("b", "vb"), e("ba", "vba"), e("c", "vc"));
        }
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("a", "aa", "ab", "abc", "ba", "bb", "c");
    }

    @Test
    public void cursorsAreIndependentOfEachOther() {
        KvStore s = fixture();
        try (KvCursor fwd = s.scan(KeyRange.all()); KvCursor rev = s.scan(KeyRange.all().reversed())) {
            List<String> interleaved = new ArrayList<>();
            while (fwd.hasNext() && rev.hasNext()) {
                interleaved.add(s(fwd.next().key()));
                interleaved.add(s(rev.next().key()));
            }
            assertThat(interleaved).containsExactly("a", "c", "ab", "ba", "abc", "b", "b", "abc", "ba", "ab", "c", "a");
        }
    }

    @Test
    public void abandoningACursorEarlyLeavesTheStoreUsable() {
        KvStore s = open();
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 2_000; i++) {
            batch.put(b(String.format("k%05d", i)), b("v" + i));
        }
        s.write(batch);
        for (int round = 0; round < 50; round++) {
            try (KvCursor c = s.scan(round % 2 == 0 ? KeyRange.all() : KeyRange.all().reversed())) {
                assertThat(c.hasNext()).isTrue();
                c.next();
            }
            s.put(b(String.format("k%05d", round)), b("r" + round));
        }
        assertThat(s.count()).isEqualTo(2_000);
        assertThat(s(s.get(b("k00049")))).isEqualTo("r49");
    }

    // ------------------------------------------------------------------ time to live

    private KvStore ttlStore() {
        KvStore s = open();
        assumeCapability(s, TTL);
        return s;
    }

    @Test
    public void expiredKeyIsAbsentToGetAndContains() {
        KvStore s = ttlStore();
        s.put(b("k"), b("v"), TTL_10_5);
        s.put(b("p"), b("forever"));
        advanceSeconds(10);
        assertThat(s(s.get(b("k")))).isEqualTo("v");
        assertThat(s.contains(b("k"))).isTrue();
        advanceSeconds(1);
        assertThat(s.get(b("k"))).isNull();
        assertThat(s.contains(b("k"))).isFalse();
        assertThat(s(s.get(b("p")))).isEqualTo("forever");
    }

    @Test
    public void expiredKeyIsAbsentToGetAll() {
        KvStore s = ttlStore();
        s.put(b("a"), b("1"), Duration.ofMillis(1_500));
        s.put(b("b"), b("2"));
        s.put(b("c"), b("3"), Duration.ofMillis(30_500));
        advanceSeconds(2);
        assertThat(s.getAll(List.of(b("a"), b("b"), b("c"))).stream().map(Kit::s).toList()).containsExactly(null, "2", "3");
    }

    @Test
    public void expiredKeysAreSkippedByScansInBothDirections() {
        KvStore s = ttlStore();
        s.put(b("a"), b("1"), Duration.ofMillis(5_500));
        s.put(b("b"), b("2"));
        s.put(b("c"), b("3"), Duration.ofMillis(20_500));
        s.put(b("d"), b("4"), Duration.ofMillis(5_500));
        s.put(b("e"), b("5"));
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("a", "b", "c", "d", "e");
        advanceSeconds(6);
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("b", "c", "e");
        assertThat(scanKeys(s, KeyRange.all().reversed())).containsExactly("e", "c", "b");
        assertThat(scanKeys(s, KeyRange.between(b("a"), b("d")))).containsExactly("b", "c");
        assertThat(scanKeys(s, KeyRange.between(b("a"), b("e")).reversed())).containsExactly("c", "b");
        assertThat(scanKeys(s, KeyRange.prefix(b("d")))).isEmpty();
        assertThat(scanKeys(s, KeyRange.prefix(b("a")).reversed())).isEmpty();
        assertThat(scanKeys(s, KeyRange.atLeast(b("c")))).containsExactly("c", "e");
        assertThat(scanKeys(s, KeyRange.lessThan(b("c")).reversed())).containsExactly("b");
        advanceSeconds(15);
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("b", "e");
    }

    @Test
    public void expiredKeysAreNotCounted() {
        KvStore s = ttlStore();
        s.put(b("a"), b("1"), Duration.ofMillis(1_500));
        s.put(b("b"), b("2"), Duration.ofMillis(2_500));
        s.put(b("c"), b("3"));
        assertThat(s.count()).isEqualTo(3);
        advanceSeconds(2);
        assertThat(s.count()).isEqualTo(2);
        advanceSeconds(1);
        assertThat(s.count()).isEqualTo(1);
    }

    @Test
    public void ttlReportsTheTimeLeft() {
        KvStore s = ttlStore();
        s.put(b("k"), b("v"), TTL_10_5);
        assertThat(s.ttl(b("k"))).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(9_500), TTL_10_5));
        advanceSeconds(3);
        assertThat(s.ttl(b("k"))).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(6_500), Duration.ofMillis(7_500)));
    }

    @Test
    public void ttlIsEmptyForAbsentPersistentAndExpiredKeys() {
        KvStore s = ttlStore();
        s.put(b("forever"), b("v"));
        s.put(b("brief"), b("v"), Duration.ofMillis(1_500));
        assertThat(s.ttl(b("absent"))).isEmpty();
        assertThat(s.ttl(b("forever"))).isEmpty();
        assertThat(s.ttl(b("brief"))).isPresent();
        advanceSeconds(2);
        assertThat(s.ttl(b("brief"))).isEmpty();
        assertThat(s.contains(b("forever"))).isTrue();
    }

    @Test
    public void keysExpireInsideAnOpenSnapshot() {
        KvStore s = ttlStore();
        assumeCapability(s, SNAPSHOTS);
        s.put(b("a"), b("1"), TTL_10_5);
        s.put(b("b"), b("2"));
        try (KvSnapshot snap = s.snapshot()) {
            assertThat(s(snap.get(b("a")))).isEqualTo("1");
            advanceSeconds(11);
            assertThat(snap.get(b("a"))).isNull();
            assertThat(snap.contains(b("a"))).isFalse();
            assertThat(snap.getAll(List.of(b("a"), b("b"))).stream().map(Kit::s).toList()).containsExactly(null, "2");
            assertThat(scanKeys(snap, KeyRange.all())).containsExactly("b");
            assertThat(scanKeys(snap, KeyRange.all().reversed())).containsExactly("b");
            assertThat(snap.count()).isEqualTo(1);
            assertThat(snap.ttl(b("a"))).isEmpty();
        }
    }

    @Test
    public void keysExpireInsideAnOpenTransaction() {
        KvStore s = ttlStore();
        assumeCapability(s, TRANSACTIONS);
        s.put(b("a"), b("1"), TTL_10_5);
        s.put(b("b"), b("2"));
        try (KvTxn t = s.begin()) {
            assertThat(t.ttl(b("a"))).isPresent();
            advanceSeconds(11);
            assertThat(t.get(b("a"))).isNull();
            assertThat(t.contains(b("a"))).isFalse();
            assertThat(t.getAll(List.of(b("a"), b("b"))).stream().map(Kit::s).toList()).containsExactly(null, "2");
            assertThat(scanKeys(t, KeyRange.all())).containsExactly("b");
            assertThat(scanKeys(t, KeyRange.all().reversed())).containsExactly("b");
            assertThat(t.count()).isEqualTo(1);
            assertThat(t.ttl(b("a"))).isEmpty();
            t.commit();
        }
    }

    @Test
    public void compareAndSetTreatsAnExpiredKeyAsAbsent() {
        KvStore s = ttlStore();
        s.put(b("k"), b("old"), Duration.ofMillis(1_500));
        s.put(b("j"), b("old"), Duration.ofMillis(1_500));
        advanceSeconds(2);
        assertThat(s.compareAndSet(b("k"), b("old"), b("new"))).as("expected the expired value").isFalse();
        assertThat(s.get(b("k"))).isNull();
        assertThat(s.compareAndSet(b("k"), null, b("new"))).as("expected absent").isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("new");
        assertThat(s.ttl(b("k"))).as("a successful swap clears expiry").isEmpty();
        assertThat(s.compareAndSet(b("j"), null, null)).as("absent and delete").isTrue();
        assertThat(s.get(b("j"))).isNull();
    }

    @Test
    public void mergeIntoAnExpiredKeyStartsFromAbsentWithoutExpiry() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        assumeCapability(s, TTL);
        s.put(b("n"), i64(40), Duration.ofMillis(1_500));
        advanceSeconds(2);
        s.merge(b("n"), i64(2));
        assertThat(i64(s.get(b("n")))).isEqualTo(2);
        assertThat(s.ttl(b("n"))).isEmpty();
        advanceSeconds(1_000);
        assertThat(i64(s.get(b("n")))).isEqualTo(2);
    }

    @Test
    public void mergeIntoALiveKeyKeepsItsExpiry() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        assumeCapability(s, TTL);
        s.put(b("n"), i64(40), TTL_10_5);
        advanceSeconds(5);
        s.merge(b("n"), i64(2));
        assertThat(i64(s.get(b("n")))).isEqualTo(42);
        assertThat(s.ttl(b("n"))).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(4_500), Duration.ofMillis(5_500)));
        advanceSeconds(6);
        assertThat(s.get(b("n"))).isNull();
    }

    @Test
    public void putWithoutTtlClearsAnEarlierExpiry() {
        KvStore s = ttlStore();
        s.put(b("k"), b("brief"), Duration.ofMillis(1_500));
        s.put(b("k"), b("forever"));
        assertThat(s.ttl(b("k"))).isEmpty();
        advanceSeconds(100);
        assertThat(s(s.get(b("k")))).isEqualTo("forever");
    }

    @Test
    public void putWithTtlReplacesAnEarlierTtl() {
        KvStore s = ttlStore();
        s.put(b("k"), b("one"), Duration.ofMillis(1_500));
        s.put(b("k"), b("two"), Duration.ofMillis(100_500));
        advanceSeconds(2);
        assertThat(s(s.get(b("k")))).isEqualTo("two");
        s.put(b("j"), b("one"), Duration.ofMillis(100_500));
        s.put(b("j"), b("two"), Duration.ofMillis(1_500));
        advanceSeconds(2);
        assertThat(s.get(b("j"))).isNull();
    }

    @Test
    public void expireGivesALiveKeyATimeToLive() {
        KvStore s = ttlStore();
        s.put(b("k"), b("v"));
        assertThat(s.expire(b("k"), TTL_10_5)).isTrue();
        assertThat(s.ttl(b("k"))).isPresent();
        advanceSeconds(10);
        assertThat(s.contains(b("k"))).isTrue();
        assertThat(s.expire(b("k"), Duration.ofMillis(1_500))).as("a new ttl replaces the old one").isTrue();
        advanceSeconds(2);
        assertThat(s.get(b("k"))).isNull();
    }

    @Test
    public void expireReturnsFalseForAbsentAndExpiredKeys() {
        KvStore s = ttlStore();
        assertThat(s.expire(b("absent"), TTL_10_5)).isFalse();
        assertThat(s.contains(b("absent"))).isFalse();
        s.put(b("gone"), b("v"), Duration.ofMillis(1_500));
        s.put(b("deleted"), b("v"));
        s.delete(b("deleted"));
        advanceSeconds(2);
        assertThat(s.expire(b("gone"), TTL_10_5)).isFalse();
        assertThat(s.expire(b("deleted"), TTL_10_5)).isFalse();
        assertThat(s.get(b("gone"))).as("expire must not revive an expired key").isNull();
    }

    @Test
    public void persistRemovesTheExpiry() {
        KvStore s = ttlStore();
        s.put(b("k"), b("v"), TTL_10_5);
        assertThat(s.persist(b("k"))).isTrue();
        assertThat(s.ttl(b("k"))).isEmpty();
        advanceSeconds(100);
        assertThat(s(s.get(b("k")))).isEqualTo("v");
        assertThat(s.persist(b("k"))).as("no expiry left to remove").isFalse();
    }

    @Test
    public void persistReturnsFalseForAbsentExpiredAndPersistentKeys() {
        KvStore s = ttlStore();
        s.put(b("forever"), b("v"));
        s.put(b("gone"), b("v"), Duration.ofMillis(1_500));
        assertThat(s.persist(b("absent"))).isFalse();
        assertThat(s.persist(b("forever"))).isFalse();
        advanceSeconds(2);
        assertThat(s.persist(b("gone"))).isFalse();
        assertThat(s.get(b("gone"))).as("persist must not revive an expired key").isNull();
    }

    @Test
    public void purgeExpiredRemovesExactlyTheExpiredEntries() {
        KvStore s = ttlStore();
        int expected = 3;
        s.put(b("a"), b("1"), Duration.ofMillis(1_500));
        s.put(b("b"), b("2"), Duration.ofMillis(2_500));
        s.put(b("c"), b("3"), Duration.ofMillis(1_500));
        s.put(b("d"), b("4"), Duration.ofMillis(100_500));
        s.put(b("e"), b("5"));
        if (has(s, KEYSPACES)) {
            s.keyspace("other").put(b("a"), b("x"), Duration.ofMillis(1_500));
            s.keyspace("other").put(b("b"), b("y"));
            expected++;
        }
        advanceSeconds(3);
        assertThat(s.purgeExpired()).isEqualTo(expected);
        assertThat(s.purgeExpired()).isZero();
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("d", "e");
        assertThat(s.count()).isEqualTo(2);
        if (has(s, KEYSPACES)) {
            assertThat(scanKeys(s.keyspace("other"), KeyRange.all())).containsExactly("b");
        }
    }

    @Test
    public void compareAndSetClearsTheExpiry() {
        KvStore s = ttlStore();
        s.put(b("k"), b("v"), Duration.ofMillis(1_500));
        assertThat(s.compareAndSet(b("k"), b("v"), b("w"))).isTrue();
        assertThat(s.ttl(b("k"))).isEmpty();
        advanceSeconds(10);
        assertThat(s(s.get(b("k")))).isEqualTo("w");
    }

    @Test
    public void ttlWorksInBatchesTransactionsAndKeyspaces() {
        KvStore s = ttlStore();
        s.write(new WriteBatch().put(b("batch"), b("v"), Duration.ofMillis(1_500)).put(b("stay"), b("v")));
        if (has(s, TRANSACTIONS)) {
            try (KvTxn t = s.begin()) {
                t.put(b("txn"), b("v"), Duration.ofMillis(1_500));
                assertThat(t.ttl(b("txn"))).as("read-your-writes of a ttl").isPresent();
                t.commit();
            }
            assertThat(s.contains(b("txn"))).isTrue();
        }
        if (has(s, KEYSPACES)) {
            s.keyspace("other").put(b("ks"), b("v"), Duration.ofMillis(1_500));
            assertThat(s.keyspace("other").ttl(b("ks"))).isPresent();
        }
        assertThat(s.contains(b("batch"))).isTrue();
        assertThat(s.ttl(b("batch"))).isPresent();
        advanceSeconds(2);
        assertThat(s.get(b("batch"))).isNull();
        assertThat(s.get(b("txn"))).isNull();
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("stay");
        if (has(s, KEYSPACES)) {
            assertThat(s.keyspace("other").get(b("ks"))).isNull();
            assertThat(s.keyspace("other").count()).isZero();
        }
    }

    @Test
    public void anExpiredKeyCanBeWrittenAndDeletedAgain() {
        KvStore s = ttlStore();
        s.put(b("k"), b("old"), Duration.ofMillis(1_500));
        s.put(b("d"), b("old"), Duration.ofMillis(1_500));
        advanceSeconds(2);
        s.delete(b("d"));
        assertThat(s.get(b("d"))).isNull();
        s.put(b("k"), b("new"));
        assertThat(s(s.get(b("k")))).isEqualTo("new");
        assertThat(s.ttl(b("k"))).isEmpty();
        assertThat(s.count()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ compare-and-set

    @Test
    public void compareAndSetWithNullExpectedCreatesOnlyAnAbsentKey() {
        KvStore s = open();
        assertThat(s.compareAndSet(b("k"), null, b("first"))).isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("first");
        assertThat(s.compareAndSet(b("k"), null, b("second"))).isFalse();
        assertThat(s(s.get(b("k")))).isEqualTo("first");
    }

    @Test
    public void compareAndSetReplacesAMatchingValue() {
        KvStore s = open();
        s.put(b("k"), b("one"));
        assertThat(s.compareAndSet(b("k"), b("one"), b("two"))).isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("two");
        assertThat(s.compareAndSet(b("k"), b("two"), b("three"))).as("compares content, not identity").isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("three");
    }

    @Test
    public void compareAndSetMismatchLeavesTheValue() {
        KvStore s = open();
        s.put(b("k"), b("one"));
        assertThat(s.compareAndSet(b("k"), b("other"), b("two"))).isFalse();
        assertThat(s.compareAndSet(b("k"), b("on"), b("two"))).isFalse();
        assertThat(s.compareAndSet(b("k"), b("one!"), null)).isFalse();
        assertThat(s(s.get(b("k")))).isEqualTo("one");
    }

    @Test
    public void compareAndSetExpectingAValueOfAnAbsentKeyFails() {
        KvStore s = open();
        assertThat(s.compareAndSet(b("k"), b("x"), b("y"))).isFalse();
        assertThat(s.contains(b("k"))).isFalse();
        assertThat(s.count()).isZero();
    }

    @Test
    public void compareAndSetTreatsADeletedKeyAsAbsent() {
        KvStore s = open();
        s.put(b("k"), b("old"));
        s.delete(b("k"));
        assertThat(s.compareAndSet(b("k"), b("old"), b("new"))).isFalse();
        assertThat(s.get(b("k"))).isNull();
        assertThat(s.compareAndSet(b("k"), null, b("new"))).isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("new");
    }

    @Test
    public void compareAndSetWithNullNextDeletes() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        s.put(b("j"), b("v"));
        assertThat(s.compareAndSet(b("k"), b("v"), null)).isTrue();
        assertThat(s.contains(b("k"))).isFalse();
        assertThat(s.compareAndSet(b("j"), b("w"), null)).isFalse();
        assertThat(s.contains(b("j"))).isTrue();
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("j");
    }

    @Test
    public void compareAndSetTellsAnEmptyValueFromAnAbsentKey() {
        KvStore s = open();
        s.put(b("k"), new byte[0]);
        assertThat(s.compareAndSet(b("k"), null, b("x"))).as("present, though empty").isFalse();
        assertThat(s.compareAndSet(b("k"), new byte[0], b("x"))).isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("x");
        assertThat(s.compareAndSet(b("j"), new byte[0], b("x"))).as("absent is not empty").isFalse();
        assertThat(s.contains(b("j"))).isFalse();
    }

    @Test
    public void compareAndSetWorksPerKeyspace() {
        KvStore s = open();
        assumeCapability(s, KEYSPACES);
        Keyspace other = s.keyspace("other");
        other.put(b("k"), b("theirs"));
        assertThat(s.compareAndSet(b("k"), b("theirs"), b("x"))).isFalse();
        assertThat(s.compareAndSet(b("k"), null, b("mine"))).isTrue();
        assertThat(other.compareAndSet(b("k"), b("theirs"), b("swapped"))).isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("mine");
        assertThat(s(other.get(b("k")))).isEqualTo("swapped");
    }

    // ------------------------------------------------------------------ batches

    @Test
    public void batchAppliesEveryOperation() {
        KvStore s = open();
        s.put(b("gone"), b("x"));
        s.put(b("kept"), b("x"));
        s.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")).delete(b("gone")).delete(b("never")));
        assertThat(scan(s, KeyRange.all())).containsExactly(e("a", "1"), e("b", "2"), e("kept", "x"));
    }

    @Test
    public void laterOperationOnTheSameKeyWinsInABatch() {
        KvStore s = open();
        s.put(b("d"), b("old"));
        s.write(new WriteBatch()
                .put(b("a"), b("1")).put(b("a"), b("2"))
                .put(b("b"), b("1")).delete(b("b"))
                .delete(b("d")).put(b("d"), b("new")));
        assertThat(s(s.get(b("a")))).isEqualTo("2");
        assertThat(s.contains(b("b"))).isFalse();
        assertThat(s(s.get(b("d")))).isEqualTo("new");
        assertThat(s.count()).isEqualTo(2);
    }

    @Test
    public void emptyBatchChangesNothing() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        WriteBatch empty = new WriteBatch();
        assertThat(empty.isEmpty()).isTrue();
        s.write(empty);
        assertThat(scan(s, KeyRange.all())).containsExactly(e("k", "v"));
    }

    @Test
    public void batchSpansKeyspaces() {
        KvStore s = open();
        assumeCapability(s, KEYSPACES);
        s.keyspace("b").put(b("old"), b("x"));
        s.write(new WriteBatch().put(b("k"), b("default")).put("a", b("k"), b("a")).put("b", b("k"), b("b")).delete("b", b("old")));
        assertThat(s(s.get(b("k")))).isEqualTo("default");
        assertThat(s(s.keyspace("a").get(b("k")))).isEqualTo("a");
        assertThat(scan(s.keyspace("b"), KeyRange.all())).containsExactly(e("k", "b"));
        assertThat(s.keyspaces()).contains("a", "b", KvStore.DEFAULT_KEYSPACE);
    }

    @Test
    public void aBatchIsAllOrNothingForSnapshots() {
        KvStore s = open();
        assumeCapability(s, SNAPSHOTS);
        boolean spaces = has(s, KEYSPACES);
        s.put(b("del"), b("x"));
        try (KvSnapshot before = s.snapshot()) {
            WriteBatch batch = new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")).delete(b("del"));
            if (spaces) {
                batch.put("other", b("c"), b("3"));
            }
            s.write(batch);
            try (KvSnapshot after = s.snapshot()) {
                assertThat(scan(before, KeyRange.all())).containsExactly(e("del", "x"));
                assertThat(scan(after, KeyRange.all())).containsExactly(e("a", "1"), e("b", "2"));
                if (spaces) {
                    assertThat(before.keyspace("other").get(b("c"))).isNull();
                    assertThat(s(after.keyspace("other").get(b("c")))).isEqualTo("3");
                }
            }
        }
    }

    @Test
    public void aBatchIsAllOrNothingForConcurrentReaders() {
        KvStore s = open();
        int width = 16;
        List<byte[]> keys = IntStream.range(0, width).mapToObj(i -> b("g" + i)).toList();
        int rounds = 300 * Kit.soak();
        AtomicBoolean done = new AtomicBoolean();
        Future<Void> writer = fork(() -> {
            try {
                for (int r = 0; r < rounds; r++) {
                    WriteBatch batch = new WriteBatch();
                    for (byte[] k : keys) {
                        if (r % 7 == 6) {
                            batch.delete(k);
                        } else {
                            batch.put(k, i64(r));
                        }
                    }
                    s.write(batch);
                }
            } finally {
                done.set(true);
            }
            return null;
        });
        int reads = 0;
        while (!done.get() || reads < 10) {
            List<byte[]> values = s.getAll(keys);
            Set<String> distinct = values.stream().map(v -> v == null ? "absent" : Long.toString(i64(v))).collect(Collectors.toSet());
            assertThat(distinct).as("getAll saw a torn batch").hasSize(1);
            List<KvEntry> seen = scan(s, KeyRange.prefix(b("g")));
            assertThat(seen.size()).as("scan saw a torn batch").isIn(0, width);
            assertThat(seen.stream().map(en -> i64(en.value())).distinct().count()).as("scan saw a torn batch").isLessThanOrEqualTo(1);
            reads++;
        }
        Kit.await(writer, "batch writer");
    }

    @Test
    public void aRejectedBatchAppliesNothing() {
        KvStore s = open(config(b -> b.maxValueSize(4)));
        s.put(b("k"), b("old"));
        WriteBatch batch = new WriteBatch().put(b("a"), b("1")).delete(b("k")).put(b("b"), b("too long"));
        assertThatThrownBy(() -> s.write(batch)).isInstanceOf(InvalidArgumentException.class);
        assertThat(scan(s, KeyRange.all())).containsExactly(e("k", "old"));
    }

    @Test
    public void aBatchMayBeWrittenTwice() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        WriteBatch batch = new WriteBatch().merge(b("n"), i64(5)).put(b("p"), b("x"));
        s.write(batch);
        s.write(batch);
        assertThat(i64(s.get(b("n")))).isEqualTo(10);
        assertThat(batch.size()).isEqualTo(2);
    }

    @Test
    public void batchMergesCombineInOrder() {
        KvStore s = openWithMerge(MergeOperator.append());
        s.put(b("k"), b("a"));
        s.write(new WriteBatch().merge(b("k"), b("b")).merge(b("k"), b("c")).merge(b("new"), b("x"))
                .put(b("p"), b("1")).merge(b("p"), b("2")));
        assertThat(s(s.get(b("k")))).isEqualTo("abc");
        assertThat(s(s.get(b("new")))).isEqualTo("x");
        assertThat(s(s.get(b("p")))).isEqualTo("12");
    }

    @Test
    public void aBatchWithAFailingMergeAppliesNothing() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        s.put(b("n"), i64(1));
        WriteBatch batch = new WriteBatch().put(b("a"), b("1")).merge(b("n"), i64(1)).merge(b("n"), b("not 8 bytes"));
        assertThatThrownBy(() -> s.write(batch)).isInstanceOf(InvalidArgumentException.class);
        assertThat(s.get(b("a"))).isNull();
        assertThat(i64(s.get(b("n")))).isEqualTo(1);
    }

    // ------------------------------------------------------------------ merge

    @Test
    public void int64AddCountsFromAbsent() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        s.merge(b("n"), i64(5));
        assertThat(i64(s.get(b("n")))).isEqualTo(5);
        s.merge(b("n"), i64(10));
        s.merge(b("n"), i64(-3));
        assertThat(i64(s.get(b("n")))).isEqualTo(12);
        s.put(b("m"), i64(100));
        s.merge(b("m"), i64(1));
        assertThat(i64(s.get(b("m")))).isEqualTo(101);
        assertThat(scan(s, KeyRange.all()).stream().map(en -> i64(en.value())).toList()).containsExactly(101L, 12L);
    }

    @Test
    public void appendConcatenatesOperands() {
        KvStore s = openWithMerge(MergeOperator.append());
        s.merge(b("k"), b("x"));
        s.merge(b("k"), b("y"));
        s.merge(b("k"), new byte[0]);
        s.merge(b("k"), b("z"));
        assertThat(s(s.get(b("k")))).isEqualTo("xyz");
    }

    @Test
    public void mergeIntoADeletedKeyStartsFromAbsent() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        s.put(b("n"), i64(100));
        s.delete(b("n"));
        s.merge(b("n"), i64(1));
        assertThat(i64(s.get(b("n")))).isEqualTo(1);
    }

    @Test
    public void mergeOperatorReceivesTheKeyAndTheExistingValue() {
        MergeOperator describe = (key, existing, operand) ->
                b(s(key) + "(" + (existing == null ? "none" : s(existing)) + "+" + s(operand) + ")");
        KvStore s = openWithMerge(describe);
        s.merge(b("k"), b("1"));
        assertThat(s(s.get(b("k")))).isEqualTo("k(none+1)");
        s.merge(b("k"), b("2"));
        assertThat(s(s.get(b("k")))).isEqualTo("k(k(none+1)+2)");
    }

    @Test
    public void mergeWithoutAnOperatorIsUnsupported() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        new Calls()
                .add("merge", () -> s.merge(b("k"), b("x")))
                .add("merge of a new key", () -> s.merge(b("new"), b("x")))
                .add("batch merge", () -> s.write(new WriteBatch().put(b("p"), b("1")).merge(b("k"), b("x"))))
                .addIf(has(s, TRANSACTIONS), "txn merge", () -> {
                    try (KvTxn t = s.begin()) {
                        t.merge(b("k"), b("x"));
                        t.commit();
                    }
                })
                .allThrow(UnsupportedFeatureException.class);
        assertThat(scan(s, KeyRange.all())).containsExactly(e("k", "v"));
    }

    @Test
    public void aFailingMergeOperatorRaisesInvalidArgumentAndKeepsTheValue() {
        MergeOperator picky = (key, existing, operand) -> {
            if (s(operand).equals("boom")) {
                throw new IllegalStateException("operator refuses boom");
            }
            return operand.clone();
        };
        KvStore s = openWithMerge(picky);
        s.put(b("k"), b("kept"));
        assertThatThrownBy(() -> s.merge(b("k"), b("boom"))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> s.merge(b("absent"), b("boom"))).isInstanceOf(InvalidArgumentException.class);
        assertThat(s(s.get(b("k")))).isEqualTo("kept");
        assertThat(s.contains(b("absent"))).isFalse();
        s.merge(b("k"), b("fine"));
        assertThat(s(s.get(b("k")))).isEqualTo("fine");
    }

    @Test
    public void int64AddRejectsMalformedCountersAndKeepsTheValue() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        s.put(b("n"), i64(7));
        s.put(b("text"), b("abc"));
        assertThatThrownBy(() -> s.merge(b("n"), b("abc"))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> s.merge(b("text"), i64(1))).isInstanceOf(InvalidArgumentException.class);
        assertThat(i64(s.get(b("n")))).isEqualTo(7);
        assertThat(s(s.get(b("text")))).isEqualTo("abc");
    }

    @Test
    public void mergeWorksPerKeyspace() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        assumeCapability(s, KEYSPACES);
        s.merge(b("n"), i64(1));
        s.keyspace("other").merge(b("n"), i64(10));
        s.keyspace("other").merge(b("n"), i64(10));
        assertThat(i64(s.get(b("n")))).isEqualTo(1);
        assertThat(i64(s.keyspace("other").get(b("n")))).isEqualTo(20);
    }

    @Test
    public void mergeInsideATransactionIsReadBackAndCommitted() {
        KvStore s = openWithMerge(MergeOperator.int64Add());
        assumeCapability(s, TRANSACTIONS);
        s.put(b("n"), i64(5));
        try (KvTxn t = s.begin()) {
            t.merge(b("n"), i64(3));
            t.merge(b("fresh"), i64(7));
            assertThat(i64(t.get(b("n")))).isEqualTo(8);
            assertThat(i64(t.get(b("fresh")))).isEqualTo(7);
            assertThat(i64(s.get(b("n")))).as("not visible before commit").isEqualTo(5);
            t.commit();
        }
        assertThat(i64(s.get(b("n")))).isEqualTo(8);
        assertThat(i64(s.get(b("fresh")))).isEqualTo(7);
    }

    // ------------------------------------------------------------------ snapshots

    private KvStore snapshotStore() {
        KvStore s = fixture();
        assumeCapability(s, SNAPSHOTS);
        return s;
    }

    @Test
    public void aSnapshotIgnoresLaterWrites() {
        KvStore s = snapshotStore();
        try (KvSnapshot snap = s.snapshot()) {
            s.put(b("a"), b("changed"));
            s.delete(b("b"));
            s.put(b("new"), b("x"));
            s.write(new WriteBatch().delete(b("c")).put(b("aa"), b("y")));
            assertThat(s(snap.get(b("a")))).isEqualTo("va");
            assertThat(snap.contains(b("b"))).isTrue();
            assertThat(snap.contains(b("new"))).isFalse();
            assertThat(snap.getAll(List.of(b("c"), b("aa"))).stream().map(Kit::s).toList()).containsExactly("vc", null);
            assertThat(scanKeys(snap, KeyRange.all())).containsExactly(FIXTURE);
            assertThat(scanKeys(snap, KeyRange.all().reversed())).containsExactlyElementsOf(List.of(FIXTURE).reversed());
            assertThat(scanKeys(snap, KeyRange.prefix(b("a")))).containsExactly("a", "ab", "abc");
            assertThat(scanKeys(snap, KeyRange.between(b("b"), b("d")).reversed())).containsExactly("c", "ba", "b");
            assertThat(snap.count()).isEqualTo(FIXTURE.length);
            assertThat(snap.ttl(b("a"))).isEmpty();
        }
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("a", "aa", "ab", "abc", "ba", "new");
    }

    @Test
    public void aSnapshotIsStableWhileAnotherThreadWrites() {
        KvStore s = snapshotStore();
        List<KvEntry> initial = scan(s, KeyRange.all());
        int rounds = 200 * Kit.soak();
        try (KvSnapshot snap = s.snapshot()) {
            AtomicBoolean done = new AtomicBoolean();
            Future<Void> writer = fork(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        s.put(b(FIXTURE[r % FIXTURE.length]), b("round" + r));
                        s.delete(b(FIXTURE[(r + 3) % FIXTURE.length]));
                        s.write(new WriteBatch().put(b("new" + r % 10), b("x")).delete(b("new" + (r + 5) % 10)));
                    }
                } finally {
                    done.set(true);
                }
                return null;
            });
            int reads = 0;
            while (!done.get() || reads < 10) {
                assertThat(scan(snap, KeyRange.all())).isEqualTo(initial);
                assertThat(snap.count()).isEqualTo(initial.size());
                assertThat(s(snap.get(b("ab")))).isEqualTo("vab");
                reads++;
            }
            Kit.await(writer, "writer");
            assertThat(scan(snap, KeyRange.all().reversed())).isEqualTo(initial.reversed());
        }
        assertThat(scan(s, KeyRange.all())).isNotEqualTo(initial);
    }

    @Test
    public void aSnapshotCoversEveryKeyspace() {
        KvStore s = snapshotStore();
        assumeCapability(s, KEYSPACES);
        s.keyspace("other").put(b("k"), b("before"));
        try (KvSnapshot snap = s.snapshot()) {
            s.keyspace("other").put(b("k"), b("after"));
            s.keyspace("other").put(b("k2"), b("after"));
            KvReader view = snap.keyspace("other");
            assertThat(s(view.get(b("k")))).isEqualTo("before");
            assertThat(scan(view, KeyRange.all())).containsExactly(e("k", "before"));
            assertThat(view.count()).isEqualTo(1);
            assertThat(scanKeys(snap.keyspace(KvStore.DEFAULT_KEYSPACE), KeyRange.all())).containsExactly(FIXTURE);
        }
    }

    @Test
    public void aKeyspaceCreatedAfterTheSnapshotReadsAsEmpty() {
        KvStore s = snapshotStore();
        assumeCapability(s, KEYSPACES);
        try (KvSnapshot snap = s.snapshot()) {
            s.keyspace("later").put(b("k"), b("v"));
            KvReader view = snap.keyspace("later");
            assertThat(view.get(b("k"))).isNull();
            assertThat(view.contains(b("k"))).isFalse();
            assertThat(scan(view, KeyRange.all())).isEmpty();
            assertThat(view.count()).isZero();
        }
    }

    @Test
    public void aSnapshotKeepsAKeyspaceDroppedAfterIt() {
        KvStore s = snapshotStore();
        assumeCapability(s, KEYSPACES);
        s.keyspace("doomed").put(b("k"), b("v"));
        try (KvSnapshot snap = s.snapshot()) {
            assertThat(s.dropKeyspace("doomed")).isTrue();
            assertThat(s.keyspace("doomed").get(b("k"))).isNull();
            assertThat(s(snap.keyspace("doomed").get(b("k")))).isEqualTo("v");
            assertThat(snap.keyspace("doomed").count()).isEqualTo(1);
        }
    }

    @Test
    public void snapshotsAreIndependent() {
        KvStore s = snapshotStore();
        try (KvSnapshot first = s.snapshot()) {
            s.put(b("a"), b("second"));
            try (KvSnapshot second = s.snapshot()) {
                s.put(b("a"), b("third"));
                assertThat(s(first.get(b("a")))).isEqualTo("va");
                assertThat(s(second.get(b("a")))).isEqualTo("second");
                assertThat(s(s.get(b("a")))).isEqualTo("third");
            }
            assertThat(s(first.get(b("a")))).as("closing one snapshot leaves the other").isEqualTo("va");
        }
    }

    @Test
    public void closingASnapshotTwiceIsHarmlessAndReadsAfterCloseFail() {
        KvStore s = snapshotStore();
        KvSnapshot snap = s.snapshot();
        snap.close();
        assertThatCode(snap::close).doesNotThrowAnyException();
        Calls calls = new Calls()
                .add("get", () -> snap.get(b("a")))
                .add("contains", () -> snap.contains(b("a")))
                .add("getAll", () -> snap.getAll(List.of(b("a"))))
                .add("scan", () -> drain(snap.scan(KeyRange.all())))
                .add("count", snap::count)
                .add("ttl", () -> snap.ttl(b("a")))
                .add("keyspace().get", () -> snap.keyspace(KvStore.DEFAULT_KEYSPACE).get(b("a")));
        calls.allThrow(StoreClosedException.class);
        assertThat(s(s.get(b("a")))).isEqualTo("va");
    }

    // ------------------------------------------------------------------ transactions

    private KvStore txnStore() {
        KvStore s = open();
        assumeCapability(s, TRANSACTIONS);
        return s;
    }

    @Test
    public void aTransactionReadsItsOwnWrites() {
        KvStore s = txnStore();
        s.put(b("a"), b("1"));
        s.put(b("b"), b("2"));
        try (KvTxn t = s.begin()) {
            t.put(b("c"), b("3"));
            t.put(b("a"), b("11"));
            t.delete(b("b"));
            t.put(b("x"), b("gone"));
            t.delete(b("x"));
            assertThat(s(t.get(b("a")))).isEqualTo("11");
            assertThat(t.get(b("b"))).isNull();
            assertThat(s(t.get(b("c")))).isEqualTo("3");
            assertThat(t.get(b("x"))).isNull();
            assertThat(t.contains(b("b"))).isFalse();
            assertThat(t.contains(b("c"))).isTrue();
            assertThat(t.getAll(List.of(b("a"), b("b"), b("c"))).stream().map(Kit::s).toList()).containsExactly("11", null, "3");
            assertThat(t.count()).isEqualTo(2);
            assertThat(s(s.get(b("a")))).as("invisible before commit").isEqualTo("1");
            assertThat(s(s.get(b("b")))).isEqualTo("2");
            assertThat(s.get(b("c"))).isNull();
            t.commit();
        }
        assertThat(scan(s, KeyRange.all())).containsExactly(e("a", "11"), e("c", "3"));
    }

    @Test
    public void aTransactionScanMergesItsOwnWritesInBothDirections() {
        KvStore s = txnStore();
        for (String k : List.of("a", "c", "e", "g", "i")) {
            s.put(b(k), b(k));
        }
        try (KvTxn t = s.begin()) {
            t.put(b("b"), b("B"));
            t.delete(b("c"));
            t.put(b("e"), b("E"));
            t.put(b("h"), b("H"));
            t.delete(b("g"));
            t.delete(b("zz"));
            t.put(b("y"), b("Y"));
            t.delete(b("y"));
            t.delete(b("i"));
            t.put(b("i"), b("I"));
            assertThat(scan(t, KeyRange.all())).containsExactly(e("a", "a"), e("b", "B"), e("e", "E"), e("h", "H"), e("i", "I"));
            assertThat(scan(t, KeyRange.all().reversed())).containsExactly(e("i", "I"), e("h", "H"), e("e", "E"), e("b", "B"), e("a", "a"));
            assertThat(scanKeys(t, KeyRange.between(b("b"), b("h")))).containsExactly("b", "e");
            assertThat(scanKeys(t, KeyRange.between(b("b"), b("i")).reversed())).containsExactly("h", "e", "b");
            assertThat(scanKeys(t, KeyRange.prefix(b("c")))).isEmpty();
            assertThat(scanKeys(t, KeyRange.prefix(b("h")).reversed())).containsExactly("h");
            assertThat(scanKeys(t, KeyRange.atLeast(b("f")))).containsExactly("h", "i");
            assertThat(scanKeys(t, KeyRange.lessThan(b("c")).reversed())).containsExactly("b", "a");
            assertThat(scanKeys(s, KeyRange.all())).as("store unchanged before commit").containsExactly("a", "c", "e", "g", "i");
            t.commit();
        }
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("a", "b", "e", "h", "i");
    }

    @Test
    public void aTransactionIsIsolatedFromLaterCommits() {
        KvStore s = txnStore();
        s.put(b("a"), b("1"));
        s.put(b("c"), b("3"));
        try (KvTxn t = s.begin()) {
            s.put(b("a"), b("changed"));
            s.delete(b("c"));
            s.put(b("z"), b("new"));
            try (KvTxn other = s.begin()) {
                other.put(b("o"), b("other"));
                other.commit();
            }
            assertThat(s(t.get(b("a")))).isEqualTo("1");
            assertThat(s(t.get(b("c")))).isEqualTo("3");
            assertThat(t.get(b("z"))).isNull();
            assertThat(t.get(b("o"))).isNull();
            assertThat(scan(t, KeyRange.all())).containsExactly(e("a", "1"), e("c", "3"));
            assertThat(t.count()).isEqualTo(2);
            t.commit();
        }
    }

    @Test
    public void aWriteWriteConflictFailsTheLaterCommitAndAppliesNothingOfIt() {
        KvStore s = txnStore();
        s.put(b("k"), b("base"));
        KvTxn t1 = s.begin();
        KvTxn t2 = s.begin();
        t1.put(b("k"), b("t1"));
        t2.put(b("k"), b("t2"));
        t2.put(b("j"), b("t2"));
        t2.delete(b("base-only"));
        t1.commit();
        assertThatThrownBy(t2::commit).isInstanceOf(TxnConflictException.class)
                .satisfies(ex -> assertThat(((TxnConflictException) ex).isRetryable()).isTrue());
        t2.close();
        assertThat(s(s.get(b("k")))).isEqualTo("t1");
        assertThat(s.get(b("j"))).isNull();
        t1.close();
    }

    @Test
    public void theFirstCommitterWinsWhicheverBeganFirst() {
        KvStore s = txnStore();
        KvTxn older = s.begin();
        KvTxn younger = s.begin();
        older.put(b("k"), b("older"));
        younger.put(b("k"), b("younger"));
        younger.commit();
        assertThatThrownBy(older::commit).isInstanceOf(TxnConflictException.class);
        older.close();
        assertThat(s(s.get(b("k")))).isEqualTo("younger");
    }

    @Test
    public void deletesConflictLikePuts() {
        KvStore s = txnStore();
        s.put(b("k"), b("v"));
        KvTxn t1 = s.begin();
        KvTxn t2 = s.begin();
        t1.delete(b("k"));
        t2.put(b("k"), b("t2"));
        t1.commit();
        assertThatThrownBy(t2::commit).isInstanceOf(TxnConflictException.class);
        t2.close();
        assertThat(s.contains(b("k"))).isFalse();
    }

    @Test
    public void aCommittedPlainWriteConflictsWithATransactionThatWritesTheKey() {
        KvStore s = txnStore();
        KvTxn t = s.begin();
        s.put(b("k"), b("plain"));
        t.put(b("k"), b("txn"));
        t.put(b("j"), b("txn"));
        assertThatThrownBy(t::commit).as("a put committed after begin() is a write-write conflict")
                .isInstanceOf(TxnConflictException.class);
        t.close();
        assertThat(s(s.get(b("k")))).isEqualTo("plain");
        assertThat(s.get(b("j"))).isNull();
    }

    @Test
    public void transactionsWritingDisjointKeysBothCommit() {
        KvStore s = txnStore();
        s.put(b("shared"), b("read by both"));
        KvTxn t1 = s.begin();
        KvTxn t2 = s.begin();
        assertThat(t1.get(b("shared"))).isNotNull();
        assertThat(t2.get(b("shared"))).isNotNull();
        t1.put(b("a"), b("1"));
        t2.put(b("b"), b("2"));
        t1.commit();
        t2.commit();
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("a", "b", "shared");
    }

    @Test
    public void readingAKeyAnotherTransactionChangedIsNoConflict() {
        KvStore s = txnStore();
        s.put(b("r"), b("old"));
        KvTxn reader = s.begin();
        assertThat(s(reader.get(b("r")))).isEqualTo("old");
        try (KvTxn writer = s.begin()) {
            writer.put(b("r"), b("new"));
            writer.commit();
        }
        reader.put(b("w"), b("x"));
        reader.commit();
        assertThat(s(s.get(b("w")))).isEqualTo("x");
        assertThat(s(s.get(b("r")))).isEqualTo("new");
    }

    @Test
    public void rollbackDiscardsEveryWrite() {
        KvStore s = txnStore();
        s.put(b("a"), b("1"));
        KvTxn t = s.begin();
        t.put(b("a"), b("changed"));
        t.put(b("b"), b("2"));
        t.delete(b("a"));
        t.rollback();
        assertThat(scan(s, KeyRange.all())).containsExactly(e("a", "1"));
        t.close();
    }

    @Test
    public void closingWithoutCommitRollsBack() {
        KvStore s = txnStore();
        try (KvTxn t = s.begin()) {
            t.put(b("a"), b("1"));
            assertThat(t.contains(b("a"))).isTrue();
        }
        assertThat(s.contains(b("a"))).isFalse();
        assertThat(s.count()).isZero();
    }

    @Test
    public void closeAfterCommitOrRollbackIsHarmless() {
        KvStore s = txnStore();
        KvTxn committed = s.begin();
        committed.put(b("a"), b("1"));
        committed.commit();
        assertThatCode(committed::close).doesNotThrowAnyException();
        assertThatCode(committed::close).doesNotThrowAnyException();
        KvTxn rolledBack = s.begin();
        rolledBack.put(b("b"), b("1"));
        rolledBack.rollback();
        assertThatCode(rolledBack::close).doesNotThrowAnyException();
        assertThat(scanKeys(s, KeyRange.all())).containsExactly("a");
    }

    private static Calls txnCalls(KvTxn t) {
        return new Calls()
                .add("get", () -> t.get(b("a")))
                .add("contains", () -> t.contains(b("a")))
                .add("getAll", () -> t.getAll(List.of(b("a"))))
                .add("scan", () -> drain(t.scan(KeyRange.all())))
                .add("count", t::count)
                .add("ttl", () -> t.ttl(b("a")))
                .add("put", () -> t.put(b("a"), b("x")))
                .add("delete", () -> t.delete(b("a")))
                .add("commit", t::commit)
                .add("rollback", t::rollback)
                .add("keyspace().get", () -> t.keyspace(KvStore.DEFAULT_KEYSPACE).get(b("a")));
    }

    @Test
    public void everyMethodAfterCommitRaisesStoreClosed() {
        KvStore s = txnStore();
        KvTxn t = s.begin();
        t.put(b("a"), b("1"));
        t.commit();
        txnCalls(t).allThrow(StoreClosedException.class);
        assertThat(s(s.get(b("a")))).isEqualTo("1");
    }

    @Test
    public void everyMethodAfterRollbackRaisesStoreClosed() {
        KvStore s = txnStore();
        KvTxn t = s.begin();
        t.put(b("a"), b("1"));
        t.rollback();
        txnCalls(t).allThrow(StoreClosedException.class);
        assertThat(s.contains(b("a"))).isFalse();
    }

    @Test
    public void inTransactionCommitsAndReturnsTheResult() {
        KvStore s = txnStore();
        String result = s.inTransaction(t -> {
            t.put(b("k"), b("v"));
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(s(s.get(b("k")))).isEqualTo("v");
    }

    @Test
    public void inTransactionRetriesOnConflict() {
        KvStore s = txnStore();
        s.put(b("k"), b("base"));
        AtomicInteger attempts = new AtomicInteger();
        String result = s.inTransaction(t -> {
            int attempt = attempts.incrementAndGet();
            String seen = s(t.get(b("k")));
            if (attempt == 1) {
                // Another thread commits a write to k after this attempt began: a conflict.
                Kit.await(fork(() -> {
                    try (KvTxn other = s.begin()) {
                        other.put(b("k"), b("other"));
                        other.commit();
                    }
                    return null;
                }), "interfering transaction");
            }
            t.put(b("k"), b(seen + "+mine"));
            return seen;
        });
        assertThat(attempts).hasValue(2);
        assertThat(result).isEqualTo("other");
        assertThat(s(s.get(b("k")))).isEqualTo("other+mine");
    }

    @Test
    public void inTransactionGivesUpAfterMaxAttempts() {
        KvStore s = txnStore();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> s.inTransaction(3, t -> {
            int n = attempts.incrementAndGet();
            t.put(b("k"), b("mine" + n));
            Kit.await(fork(() -> {
                try (KvTxn other = s.begin()) {
                    other.put(b("k"), b("other" + n));
                    other.commit();
                }
                return null;
            }), "interfering transaction");
            return null;
        })).isInstanceOf(TxnConflictException.class);
        assertThat(attempts).hasValue(3);
        assertThat(s(s.get(b("k")))).isEqualTo("other3");
    }

    @Test
    public void inTransactionRollsBackAndRethrowsOtherFailures() {
        KvStore s = txnStore();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> s.inTransaction(t -> {
            attempts.incrementAndGet();
            t.put(b("k"), b("v"));
            throw new IllegalStateException("application failure");
        })).isInstanceOf(IllegalStateException.class).hasMessage("application failure");
        assertThat(attempts).hasValue(1);
        assertThat(s.contains(b("k"))).isFalse();
    }

    @Test
    public void aTransactionAcrossKeyspacesIsAtomic() {
        KvStore s = txnStore();
        assumeCapability(s, KEYSPACES);
        try (KvTxn t = s.begin()) {
            t.put(b("k"), b("default"));
            t.keyspace("a").put(b("k"), b("a"));
            t.keyspace("b").put(b("k"), b("b"));
            assertThat(s(t.keyspace("a").get(b("k")))).isEqualTo("a");
            assertThat(scan(t.keyspace("b"), KeyRange.all())).containsExactly(e("k", "b"));
            assertThat(s.keyspace("a").get(b("k"))).isNull();
            if (has(s, SNAPSHOTS)) {
                try (KvSnapshot mid = s.snapshot()) {
                    t.commit();
                    assertThat(mid.keyspace("a").get(b("k"))).isNull();
                    assertThat(mid.keyspace("b").get(b("k"))).isNull();
                }
            } else {
                t.commit();
            }
        }
        assertThat(s(s.get(b("k")))).isEqualTo("default");
        assertThat(s(s.keyspace("a").get(b("k")))).isEqualTo("a");
        assertThat(s(s.keyspace("b").get(b("k")))).isEqualTo("b");

        KvTxn loser = s.begin();
        loser.keyspace("a").put(b("k"), b("loser"));
        loser.keyspace("b").put(b("k"), b("loser"));
        s.inTransaction(t -> {
            t.keyspace("b").put(b("k"), b("winner"));
            return null;
        });
        assertThatThrownBy(loser::commit).isInstanceOf(TxnConflictException.class);
        loser.close();
        assertThat(s(s.keyspace("a").get(b("k")))).as("nothing of the loser applied").isEqualTo("a");
        assertThat(s(s.keyspace("b").get(b("k")))).isEqualTo("winner");
    }

    @Test
    public void theSameKeyInTwoKeyspacesIsNoConflict() {
        KvStore s = txnStore();
        assumeCapability(s, KEYSPACES);
        KvTxn t1 = s.begin();
        KvTxn t2 = s.begin();
        t1.keyspace("a").put(b("k"), b("1"));
        t2.keyspace("b").put(b("k"), b("2"));
        t1.commit();
        t2.commit();
        assertThat(s(s.keyspace("a").get(b("k")))).isEqualTo("1");
        assertThat(s(s.keyspace("b").get(b("k")))).isEqualTo("2");
    }

    @Test
    public void aKeyspaceFirstWrittenInATransactionExistsOnlyAfterCommit() {
        KvStore s = txnStore();
        assumeCapability(s, KEYSPACES);
        try (KvTxn t = s.begin()) {
            t.keyspace("rolled").put(b("k"), b("v"));
            t.rollback();
        }
        assertThat(s.keyspaces()).doesNotContain("rolled");
        try (KvTxn t = s.begin()) {
            t.keyspace("fresh").put(b("k"), b("v"));
            t.commit();
        }
        assertThat(s.keyspaces()).contains("fresh");
        assertThat(s(s.keyspace("fresh").get(b("k")))).isEqualTo("v");
    }

    // ------------------------------------------------------------------ keyspaces

    private KvStore keyspaceStore() {
        KvStore s = open();
        assumeCapability(s, KEYSPACES);
        return s;
    }

    @Test
    public void theSameKeyInTwoKeyspacesIsTwoEntries() {
        KvStore s = keyspaceStore();
        Keyspace a = s.keyspace("a");
        Keyspace bks = s.keyspace("b");
        a.put(b("k"), b("in a"));
        bks.put(b("k"), b("in b"));
        s.put(b("k"), b("in default"));
        assertThat(s(a.get(b("k")))).isEqualTo("in a");
        assertThat(s(bks.get(b("k")))).isEqualTo("in b");
        a.delete(b("k"));
        assertThat(a.contains(b("k"))).isFalse();
        assertThat(bks.contains(b("k"))).isTrue();
        assertThat(s(s.get(b("k")))).isEqualTo("in default");
        assertThat(a.count()).isZero();
        assertThat(bks.count()).isEqualTo(1);
        assertThat(a.getAll(List.of(b("k"))).getFirst()).isNull();
    }

    @Test
    public void keyspaceNamesAreReported() {
        KvStore s = open();
        assertThat(s.name()).isEqualTo(KvStore.DEFAULT_KEYSPACE);
        assertThat(s.keyspaces()).contains(KvStore.DEFAULT_KEYSPACE);
        if (has(s, KEYSPACES)) {
            assertThat(s.keyspace("x.y-z_1").name()).isEqualTo("x.y-z_1");
        }
    }

    @Test
    public void keyspacesListsTheWrittenOnesSorted() {
        KvStore s = keyspaceStore();
        s.keyspace("zeta").put(b("k"), b("v"));
        s.keyspace("Alpha").put(b("k"), b("v"));
        s.keyspace("mid").put(b("k"), b("v"));
        s.keyspace("untouched");
        Set<String> names = s.keyspaces();
        assertThat(names).contains("zeta", "Alpha", "mid", KvStore.DEFAULT_KEYSPACE).doesNotContain("untouched");
        assertThat(new ArrayList<>(names)).isSortedAccordingTo(String::compareTo);
    }

    @Test
    public void dropKeyspaceRemovesItsEntriesOnly() {
        KvStore s = keyspaceStore();
        s.put(b("k"), b("default"));
        s.keyspace("doomed").put(b("k"), b("v"));
        s.keyspace("doomed").put(b("j"), b("v"));
        s.keyspace("kept").put(b("k"), b("kept"));
        assertThat(s.dropKeyspace("doomed")).isTrue();
        assertThat(s.dropKeyspace("doomed")).isFalse();
        assertThat(s.dropKeyspace("never-existed")).isFalse();
        assertThat(s.keyspaces()).doesNotContain("doomed").contains("kept");
        assertThat(s.keyspace("doomed").get(b("k"))).isNull();
        assertThat(scan(s.keyspace("doomed"), KeyRange.all())).isEmpty();
        assertThat(s.keyspace("doomed").count()).isZero();
        assertThat(s(s.keyspace("kept").get(b("k")))).isEqualTo("kept");
        assertThat(s(s.get(b("k")))).isEqualTo("default");
        s.keyspace("doomed").put(b("again"), b("v"));
        assertThat(scanKeys(s.keyspace("doomed"), KeyRange.all())).containsExactly("again");
        assertThat(s.keyspaces()).contains("doomed");
    }

    @Test
    public void theDefaultKeyspaceCannotBeDropped() {
        KvStore s = open();
        s.put(b("k"), b("v"));
        assertThatThrownBy(() -> s.dropKeyspace(KvStore.DEFAULT_KEYSPACE)).isInstanceOf(InvalidArgumentException.class);
        assertThat(s(s.get(b("k")))).isEqualTo("v");
        assertThat(s.keyspaces()).contains(KvStore.DEFAULT_KEYSPACE);
    }

    @Test
    public void theKeyspaceNamedDefaultIsTheStoreItself() {
        KvStore s = open();
        s.put(b("k"), b("via store"));
        Keyspace def = s.keyspace(KvStore.DEFAULT_KEYSPACE);
        assertThat(s(def.get(b("k")))).isEqualTo("via store");
        def.put(b("j"), b("via keyspace"));
        assertThat(s(s.get(b("j")))).isEqualTo("via keyspace");
        assertThat(def.name()).isEqualTo(KvStore.DEFAULT_KEYSPACE);
        s.write(new WriteBatch().put(KvStore.DEFAULT_KEYSPACE, b("w"), b("batch")));
        assertThat(s(s.get(b("w")))).isEqualTo("batch");
    }

    // ------------------------------------------------------------------ watch

    /** Collects watch events; waits for them with a hang guard, never judging speed. */
    protected static final class Events implements WatchListener {
        private final BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(WatchEvent event) {
            queue.add(event);
        }

        /** The next event, failing when none arrives within the hang guard. */
        public WatchEvent next() {
            try {
                WatchEvent event = queue.poll(Kit.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new AssertionError("no watch event arrived within " + Kit.HANG_GUARD);
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a watch event", e);
            }
        }

        /** The events before the first one matching {@code marker}, which is consumed too. */
        public List<WatchEvent> until(Predicate<WatchEvent> marker) {
            List<WatchEvent> before = new ArrayList<>();
            for (WatchEvent e = next(); !marker.test(e); e = next()) {
                before.add(e);
            }
            return before;
        }

        /** The events before the put of {@code key}. */
        public List<WatchEvent> untilPutOf(String keyspace, byte[] key) {
            return until(e -> e.type() == WatchEvent.Type.PUT && e.keyspace().equals(keyspace) && Arrays.equals(e.key(), key));
        }

        /** True when no event is queued now. */
        public boolean isEmpty() {
            return queue.isEmpty();
        }
    }

    private static WatchEvent put(String keyspace, String key, String value) {
        return new WatchEvent(keyspace, b(key), b(value), WatchEvent.Type.PUT);
    }

    private static WatchEvent del(String keyspace, String key) {
        return new WatchEvent(keyspace, b(key), null, WatchEvent.Type.DELETE);
    }

    private static final String DEF = KvStore.DEFAULT_KEYSPACE;

    private KvStore watchStore() {
        KvStore s = open();
        assumeCapability(s, WATCH);
        return s;
    }

    @Test
    public void watchReportsCommittedPutsAndDeletes() {
        KvStore s = watchStore();
        Events events = new Events();
        try (Watch _ = s.watch(new byte[0], events)) {
            s.put(b("k"), b("v"));
            s.delete(b("k"));
            assertThat(events.next()).isEqualTo(put(DEF, "k", "v"));
            WatchEvent delete = events.next();
            assertThat(delete).isEqualTo(del(DEF, "k"));
            assertThat(delete.value()).isNull();
        }
    }

    @Test
    public void watchDeliversEventsInCommitOrder() {
        KvStore s = watchStore();
        Events events = new Events();
        try (Watch _ = s.watch(b("n"), events)) {
            int n = 200;
            for (int i = 0; i < n; i++) {
                s.put(b("n" + i), b(Integer.toString(i)));
            }
            for (int i = 0; i < n; i++) {
                assertThat(events.next()).isEqualTo(put(DEF, "n" + i, Integer.toString(i)));
            }
        }
    }

    @Test
    public void watchFiltersByPrefix() {
        KvStore s = watchStore();
        Events events = new Events();
        try (Watch _ = s.watch(b("p/"), events)) {
            s.put(b("p/1"), b("a"));
            s.put(b("q/1"), b("b"));
            s.put(b("p"), b("c"));
            s.put(b("p/2"), b("d"));
            s.delete(b("q/1"));
            s.delete(b("p/1"));
            s.put(b("p/~end"), b(""));
            assertThat(events.untilPutOf(DEF, b("p/~end"))).containsExactly(put(DEF, "p/1", "a"), put(DEF, "p/2", "d"), del(DEF, "p/1"));
        }
    }

    @Test
    public void watchFiltersByKeyspace() {
        KvStore s = watchStore();
        assumeCapability(s, KEYSPACES);
        Events events = new Events();
        try (Watch _ = s.keyspace("a").watch(new byte[0], events)) {
            s.put(b("k"), b("default"));
            s.keyspace("b").put(b("k"), b("b"));
            s.keyspace("a").put(b("k"), b("a"));
            s.write(new WriteBatch().put("b", b("j"), b("b")).put("a", b("j"), b("a")));
            s.keyspace("a").put(b("~end"), b(""));
            assertThat(events.untilPutOf("a", b("~end"))).containsExactly(put("a", "k", "a"), put("a", "j", "a"));
        }
    }

    @Test
    public void watchReportsEveryOperationOfABatch() {
        KvStore s = watchStore();
        s.put(b("old"), b("x"));
        Events events = new Events();
        try (Watch _ = s.watch(new byte[0], events)) {
            s.write(new WriteBatch().put(b("a"), b("1")).delete(b("old")).put(b("b"), b("2")));
            s.put(b("~end"), b(""));
            assertThat(events.untilPutOf(DEF, b("~end")))
                    .containsExactlyInAnyOrder(put(DEF, "a", "1"), del(DEF, "old"), put(DEF, "b", "2"));
        }
    }

    @Test
    public void watchReportsSuccessfulCompareAndSet() {
        KvStore s = watchStore();
        Events events = new Events();
        try (Watch _ = s.watch(new byte[0], events)) {
            assertThat(s.compareAndSet(b("k"), null, b("1"))).isTrue();
            assertThat(s.compareAndSet(b("k"), b("wrong"), b("2"))).isFalse();
            assertThat(s.compareAndSet(b("k"), b("1"), null)).isTrue();
            s.put(b("~end"), b(""));
            assertThat(events.untilPutOf(DEF, b("~end"))).containsExactly(put(DEF, "k", "1"), del(DEF, "k"));
        }
    }

    @Test
    public void watchSeesATransactionOnlyAfterItCommits() {
        KvStore s = watchStore();
        assumeCapability(s, TRANSACTIONS);
        Events events = new Events();
        try (Watch _ = s.watch(new byte[0], events); KvTxn t = s.begin()) {
            t.put(b("txn"), b("v"));
            t.delete(b("other"));
            s.put(b("~marker"), b(""));
            assertThat(events.untilPutOf(DEF, b("~marker"))).as("events before the transaction committed").isEmpty();
            t.commit();
            s.put(b("~end"), b(""));
            assertThat(events.untilPutOf(DEF, b("~end"))).contains(put(DEF, "txn", "v")).doesNotContain(put(DEF, "~marker", ""));
        }
    }

    @Test
    public void aRolledBackTransactionProducesNoEvents() {
        KvStore s = watchStore();
        assumeCapability(s, TRANSACTIONS);
        Events events = new Events();
        try (Watch _ = s.watch(new byte[0], events)) {
            try (KvTxn t = s.begin()) {
                t.put(b("rolled"), b("v"));
                t.rollback();
            }
            try (KvTxn t = s.begin()) {
                t.put(b("abandoned"), b("v"));
            }
            s.put(b("~end"), b(""));
            assertThat(events.untilPutOf(DEF, b("~end"))).isEmpty();
        }
    }

    @Test
    public void closingAWatchStopsItsEvents() {
        KvStore s = watchStore();
        Events closed = new Events();
        Events open = new Events();
        Watch w = s.watch(new byte[0], closed);
        try (Watch _ = s.watch(new byte[0], open)) {
            s.put(b("before"), b("v"));
            assertThat(closed.next()).isEqualTo(put(DEF, "before", "v"));
            assertThat(open.next()).isEqualTo(put(DEF, "before", "v"));
            w.close();
            assertThatCode(w::close).doesNotThrowAnyException();
            s.put(b("after"), b("v"));
            s.put(b("~end1"), b(""));
            assertThat(open.untilPutOf(DEF, b("~end1"))).containsExactly(put(DEF, "after", "v"));
            s.put(b("~end2"), b(""));
            assertThat(open.untilPutOf(DEF, b("~end2"))).isEmpty();
            assertThat(closed.isEmpty()).as("a closed watch got events").isTrue();
        }
    }

    @Test
    public void aFailingListenerBreaksNeitherTheStoreNorLaterEvents() {
        KvStore s = watchStore();
        Events events = new Events();
        AtomicInteger calls = new AtomicInteger();
        WatchListener failing = e -> {
            calls.incrementAndGet();
            events.onEvent(e);
            throw new IllegalStateException("listener failure, on purpose");
        };
        try (Watch _ = s.watch(new byte[0], failing)) {
            s.put(b("a"), b("1"));
            s.put(b("b"), b("2"));
            assertThat(events.next()).isEqualTo(put(DEF, "a", "1"));
            assertThat(events.next()).isEqualTo(put(DEF, "b", "2"));
            s.delete(b("a"));
            assertThat(events.next()).isEqualTo(del(DEF, "a"));
        }
        assertThat(calls).hasValue(3);
        assertThat(scan(s, KeyRange.all())).containsExactly(e("b", "2"));
    }

    // ------------------------------------------------------------------ closed store

    @Test
    public void closingTheStoreTwiceIsHarmlessAndIsOpenFollows() {
        KvStore s = open();
        assertThat(s.isOpen()).isTrue();
        s.close();
        assertThat(s.isOpen()).isFalse();
        assertThatCode(s::close).doesNotThrowAnyException();
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    public void everyMethodOfAClosedStoreRaisesStoreClosed() {
        KvStore s = openAllowingMerge(MergeOperator.append(), b -> { });
        s.put(b("k"), b("v"));
        s.close();
        Path backup = tempDir.resolve("backup-after-close");
        new Calls()
                .add("get", () -> s.get(b("k")))
                .add("contains", () -> s.contains(b("k")))
                .add("getAll", () -> s.getAll(List.of(b("k"))))
                .add("scan", () -> s.scan(KeyRange.all()))
                .add("count", s::count)
                .add("ttl", () -> s.ttl(b("k")))
                .add("put", () -> s.put(b("k"), b("w")))
                .add("delete", () -> s.delete(b("k")))
                .add("compareAndSet", () -> s.compareAndSet(b("k"), b("v"), b("w")))
                .add("keyspace", () -> s.keyspace("other").get(b("k")))
                .add("keyspaces", s::keyspaces)
                .add("dropKeyspace", () -> s.dropKeyspace("other"))
                .add("write", () -> s.write(new WriteBatch().put(b("k"), b("w"))))
                .add("purgeExpired", s::purgeExpired)
                .add("sizeOnDisk", s::sizeOnDisk)
                .add("compact", s::compact)
                .add("flush", s::flush)
                .add("checkIntegrity", s::checkIntegrity)
                .add("metrics", s::metrics)
                .addIf(has(s, TTL), "put with ttl", () -> s.put(b("k"), b("w"), TTL_10_5))
                .addIf(has(s, TTL), "expire", () -> s.expire(b("k"), TTL_10_5))
                .addIf(has(s, TTL), "persist", () -> s.persist(b("k")))
                .addIf(has(s, MERGE), "merge", () -> s.merge(b("k"), b("w")))
                .addIf(has(s, WATCH), "watch", () -> s.watch(new byte[0], e -> { }))
                .addIf(has(s, TRANSACTIONS), "begin", s::begin)
                .addIf(has(s, TRANSACTIONS), "inTransaction", () -> s.inTransaction(t -> null))
                .addIf(has(s, SNAPSHOTS), "snapshot", s::snapshot)
                .addIf(has(s, BACKUP), "backup", () -> s.backup(backup))
                .allThrow(StoreClosedException.class);
    }

    @Test
    public void keyspacesSnapshotsTransactionsAndCursorsDieWithTheStore() {
        KvStore s = fixture();
        Keyspace view = has(s, KEYSPACES) ? s.keyspace("other") : s.keyspace(KvStore.DEFAULT_KEYSPACE);
        view.put(b("k"), b("v"));
        KvCursor cursor = s.scan(KeyRange.all());
        cursor.next();
        KvSnapshot snap = has(s, SNAPSHOTS) ? s.snapshot() : null;
        KvTxn txn = has(s, TRANSACTIONS) ? s.begin() : null;
        if (txn != null) {
            txn.put(b("t"), b("v"));
        }
        s.close();
        Calls calls = new Calls()
                .add("cursor.hasNext", cursor::hasNext)
                .add("cursor.next", cursor::next)
                .add("keyspace get", () -> view.get(b("k")))
                .add("keyspace put", () -> view.put(b("k"), b("w")))
                .add("keyspace delete", () -> view.delete(b("k")))
                .add("keyspace scan", () -> view.scan(KeyRange.all()))
                .add("keyspace count", view::count)
                .add("keyspace compareAndSet", () -> view.compareAndSet(b("k"), null, b("w")));
        if (snap != null) {
            calls.add("snapshot get", () -> snap.get(b("a")))
                    .add("snapshot scan", () -> snap.scan(KeyRange.all()))
                    .add("snapshot count", snap::count);
        }
        if (txn != null) {
            calls.add("txn get", () -> txn.get(b("a")))
                    .add("txn put", () -> txn.put(b("a"), b("x")))
                    .add("txn scan", () -> txn.scan(KeyRange.all()))
                    .add("txn commit", txn::commit);
        }
        calls.allThrow(StoreClosedException.class);
        assertThatCode(cursor::close).doesNotThrowAnyException();
        if (snap != null) {
            assertThatCode(snap::close).doesNotThrowAnyException();
        }
        if (txn != null) {
            assertThatCode(txn::close).doesNotThrowAnyException();
        }
    }

    @Test
    public void aWatchStopsWithTheStoreAndClosesHarmlesslyAfterIt() {
        KvStore s = watchStore();
        Events events = new Events();
        Watch w = s.watch(new byte[0], events);
        s.put(b("k"), b("v"));
        assertThat(events.next()).isEqualTo(put(DEF, "k", "v"));
        s.close();
        assertThatCode(w::close).doesNotThrowAnyException();
        assertThatThrownBy(() -> s.put(b("j"), b("v"))).isInstanceOf(StoreClosedException.class);
    }

    // ------------------------------------------------------------------ read-only

    @Test
    public void aReadOnlyStoreRefusesEveryWrite() {
        KvStore w = openAllowingMerge(MergeOperator.int64Add(), b -> { });
        boolean withMerge = w.config().mergeOperator().isPresent();
        assumeCapability(w, READ_ONLY_OPEN);
        boolean persistent = factory().persistent();
        boolean spaces = has(w, KEYSPACES);
        if (persistent) {
            w.put(b("k"), i64(1));
            if (spaces) {
                w.keyspace("other").put(b("k"), b("v"));
            }
        }
        w.close();
        KvStore r = open(config(b -> {
            if (withMerge) {
                b.mergeOperator(MergeOperator.int64Add());
            }
            b.readOnly(true);
        }));
        assertThat(r.config().readOnly()).isTrue();
        if (persistent) {
            assertThat(i64(r.get(b("k")))).isEqualTo(1);
        } else {
            assertThat(r.count()).isZero();
        }
        new Calls()
                .add("put", () -> r.put(b("k"), b("w")))
                .add("delete", () -> r.delete(b("k")))
                .add("compareAndSet", () -> r.compareAndSet(b("new"), null, b("w")))
                .add("write", () -> r.write(new WriteBatch().put(b("new"), b("w"))))
                .addIf(has(r, TTL), "put with ttl", () -> r.put(b("k"), b("w"), TTL_10_5))
                .addIf(has(r, TTL) && persistent, "expire", () -> r.expire(b("k"), TTL_10_5))
                .addIf(has(r, TTL) && persistent, "persist", () -> r.persist(b("k")))
                .addIf(has(r, MERGE), "merge", () -> r.merge(b("k"), i64(1)))
                .addIf(spaces, "keyspace put", () -> r.keyspace("other").put(b("j"), b("w")))
                .addIf(spaces && persistent, "dropKeyspace", () -> r.dropKeyspace("other"))
                .addIf(has(r, TRANSACTIONS), "transaction", () -> {
                    try (KvTxn t = r.begin()) {
                        t.put(b("new"), b("w"));
                        t.commit();
                    }
                })
                .allThrow(ReadOnlyStoreException.class);
        if (persistent) {
            assertThat(i64(r.get(b("k")))).isEqualTo(1);
            assertThat(r.count()).isEqualTo(1);
            if (spaces) {
                assertThat(s(r.keyspace("other").get(b("k")))).isEqualTo("v");
            }
        } else {
            assertThat(r.count()).isZero();
        }
        assertThat(r.get(b("new"))).isNull();
    }

    // ------------------------------------------------------------------ metrics, maintenance, capabilities

    @Test
    public void metricsCountersMove() {
        KvStore s = openAllowingMerge(MergeOperator.int64Add(), b -> { });
        boolean merge = has(s, MERGE);
        s.put(b("a"), i64(1));
        s.put(b("b"), i64(2));
        StoreMetrics m0 = s.metrics();
        s.get(b("a"));
        s.contains(b("b"));
        s.getAll(List.of(b("a"), b("b"), b("c")));
        StoreMetrics m1 = s.metrics();
        assertThat(m1.reads() - m0.reads()).as("reads: get, contains, and 3 keys of getAll").isEqualTo(5);
        s.put(b("c"), i64(3));
        if (merge) {
            s.merge(b("c"), i64(1));
        }
        s.delete(b("c"));
        StoreMetrics m2 = s.metrics();
        assertThat(m2.writes() - m1.writes()).isEqualTo(merge ? 2 : 1);
        assertThat(m2.deletes() - m1.deletes()).isEqualTo(1);
        drain(s.scan(KeyRange.all()));
        drain(s.scan(KeyRange.prefix(b("a")).reversed()));
        StoreMetrics m3 = s.metrics();
        assertThat(m3.scans() - m2.scans()).isEqualTo(2);
        s.write(new WriteBatch().put(b("d"), i64(4)).put(b("e"), i64(5)).delete(b("d")));
        StoreMetrics m4 = s.metrics();
        assertThat(m4.writes() - m3.writes()).isEqualTo(2);
        assertThat(m4.deletes() - m3.deletes()).isEqualTo(1);
        assertThat(m4.commits() - m3.commits()).as("a batch is a commit").isEqualTo(1);
        if (has(s, TRANSACTIONS)) {
            try (KvTxn t = s.begin()) {
                t.put(b("t"), i64(1));
                t.delete(b("e"));
                t.commit();
            }
            KvTxn loser = s.begin();
            loser.put(b("t"), i64(2));
            s.inTransaction(t -> {
                t.put(b("t"), i64(3));
                return null;
            });
            assertThatThrownBy(loser::commit).isInstanceOf(TxnConflictException.class);
            loser.close();
            StoreMetrics m5 = s.metrics();
            assertThat(m5.commits() - m4.commits()).isEqualTo(2);
            assertThat(m5.conflicts() - m4.conflicts()).isEqualTo(1);
            assertThat(m5.writes() - m4.writes()).isEqualTo(2);
            assertThat(m5.deletes() - m4.deletes()).isEqualTo(1);
        }
        if (has(s, TTL)) {
            StoreMetrics before = s.metrics();
            s.put(b("x1"), i64(1), Duration.ofMillis(1_500));
            s.put(b("x2"), i64(1), Duration.ofMillis(1_500));
            advanceSeconds(2);
            long purged = s.purgeExpired();
            assertThat(purged).isEqualTo(2);
            assertThat(s.metrics().expired() - before.expired()).isGreaterThanOrEqualTo(purged);
        }
        StoreMetrics last = s.metrics();
        assertThat(last.engine()).isNotNull();
        assertThat(List.of(last.reads(), last.writes(), last.deletes(), last.scans(), last.commits(), last.conflicts(), last.expired()))
                .allSatisfy(v -> assertThat(v).isNotNegative());
    }

    @Test
    public void capabilitiesAreStableAndMatchTheStore() {
        KvStore s = open();
        Set<Capability> caps = s.capabilities();
        assertThat(caps).isNotNull().isEqualTo(s.capabilities());
        assertThat(s.kind()).isNotNull();
        assertThat(s.config().clock()).as("the configured clock").isSameAs(clock);
        assertThat(s.config().readOnly()).isFalse();
        assertThat(caps.contains(PERSISTENT)).as("PERSISTENT capability vs factory().persistent()").isEqualTo(factory().persistent());
        if (factory().persistent()) {
            assertThat(s.path()).as("a persistent store lives somewhere").isPresent();
        }
        if (s.path().isEmpty()) {
            s.put(b("k"), b("v"));
            assertThat(s.sizeOnDisk()).as("an in-memory store occupies no disk").isZero();
        }
        if (caps.contains(SNAPSHOTS)) {
            s.snapshot().close();
        }
        if (caps.contains(TRANSACTIONS)) {
            s.begin().close();
        }
        if (caps.contains(WATCH)) {
            s.watch(new byte[0], e -> { }).close();
        }
        if (caps.contains(KEYSPACES)) {
            s.keyspace("probe").put(b("k"), b("v"));
            assertThat(s.keyspaces()).contains("probe");
        }
        if (caps.contains(TTL)) {
            s.put(b("t"), b("v"), TTL_10_5);
            assertThat(s.ttl(b("t"))).isPresent();
        }
    }

    @Test
    public void configuredLimitsAreReported() {
        KvStore s = open(config(b -> b.maxKeySize(100).maxValueSize(1000)));
        assertThat(s.config().maxKeySize()).isEqualTo(100);
        assertThat(s.config().maxValueSize()).isEqualTo(1000);
        assertThat(s.config().mergeOperator()).isEmpty();
    }

    @Test
    public void missingCapabilitiesRaiseUnsupportedFeature() {
        KvStore s = openAllowingMerge(MergeOperator.append(), b -> { });
        Set<Capability> caps = s.capabilities();
        Map<Capability, List<ThrowingCallable>> probes = new LinkedHashMap<>();
        probes.put(TRANSACTIONS, List.of(s::begin, () -> s.inTransaction(t -> null)));
        probes.put(SNAPSHOTS, List.of(s::snapshot));
        probes.put(TTL, List.of(() -> s.put(b("k"), b("v"), TTL_10_5),
                () -> s.write(new WriteBatch().put(b("k"), b("v"), TTL_10_5))));
        probes.put(MERGE, List.of(() -> s.merge(b("k"), b("v")), () -> s.write(new WriteBatch().merge(b("k"), b("v")))));
        probes.put(WATCH, List.of(() -> s.watch(new byte[0], e -> { })));
        probes.put(KEYSPACES, List.of(() -> s.keyspace("other").put(b("k"), b("v")),
                () -> s.write(new WriteBatch().put("other", b("k"), b("v")))));
        probes.put(BACKUP, List.of(() -> s.backup(tempDir.resolve("backup"))));
        List<Capability> missing = probes.keySet().stream().filter(c -> !caps.contains(c)).toList();
        boolean readOnlyMissing = !caps.contains(READ_ONLY_OPEN);
        assumeTrue(!missing.isEmpty() || readOnlyMissing, "the engine offers every probed capability");
        Calls calls = new Calls();
        for (Capability c : missing) {
            List<ThrowingCallable> list = probes.get(c);
            for (int i = 0; i < list.size(); i++) {
                ThrowingCallable call = list.get(i);
                calls.add("without " + c + " #" + (i + 1), () -> {
                    Throwable thrown = catchThrowable(call);
                    if (thrown instanceof UnsupportedFeatureException u && u.capability() != c) {
                        throw new AssertionError("names capability " + u.capability() + " instead of " + c, u);
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                });
            }
        }
        calls.allThrow(UnsupportedFeatureException.class);
        assertThat(s.count()).as("a refused call changes nothing").isZero();
        if (readOnlyMissing) {
            s.close();
            assertThatThrownBy(() -> open(config(b -> b.readOnly(true)))).isInstanceOf(UnsupportedFeatureException.class);
        }
    }

    @Test
    public void flushCompactAndSizeOnDiskAreSane() {
        KvStore s = open();
        for (int i = 0; i < 500; i++) {
            s.put(b("k" + i), b("value-" + i));
        }
        for (int i = 0; i < 500; i += 2) {
            s.delete(b("k" + i));
        }
        for (int i = 1; i < 500; i += 4) {
            s.put(b("k" + i), b("again-" + i));
        }
        s.flush();
        long size = s.sizeOnDisk();
        assertThat(size).isNotNegative();
        if (factory().persistent()) {
            assertThat(size).as("a persistent store with data occupies disk").isPositive();
        }
        assertThat(s.compact()).isNotNegative();
        s.flush();
        assertThat(s.count()).isEqualTo(250);
        assertThat(s(s.get(b("k1")))).isEqualTo("again-1");
        assertThat(s(s.get(b("k3")))).isEqualTo("value-3");
        assertThat(s.get(b("k2"))).isNull();
        assertThat(s.sizeOnDisk()).isNotNegative();
    }

    @Test
    public void checkIntegrityIsCleanOnAHealthyStore() {
        KvStore s = open();
        IntegrityReport empty = s.checkIntegrity();
        assertThat(empty.ok()).as("empty store: %s", empty.problems()).isTrue();
        for (int i = 0; i < 300; i++) {
            s.put(b("k" + i), b("v" + i));
        }
        s.delete(b("k7"));
        if (has(s, KEYSPACES)) {
            s.keyspace("other").put(b("x"), b("y"));
        }
        if (has(s, TTL)) {
            s.put(b("t"), b("v"), Duration.ofMillis(1_500));
            advanceSeconds(2);
        }
        s.flush();
        IntegrityReport report = s.checkIntegrity();
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.entriesChecked()).isNotNegative();
        assertThat(s.count()).as("checking changes nothing").isEqualTo(299);
    }

    @Test
    public void backupWritesACopyAndRefusesAnExistingTarget() {
        KvStore s = fixture();
        assumeCapability(s, BACKUP);
        Path target = tempDir.resolve("backup");
        s.backup(target);
        assertThat(Files.exists(target)).isTrue();
        assertThatThrownBy(() -> s.backup(target)).isInstanceOf(InvalidArgumentException.class);
        s.put(b("after"), b("v"));
        assertThat(s.count()).isEqualTo(FIXTURE.length + 1);
    }

    // ------------------------------------------------------------------ persistence

    @Test
    public void dataOfEveryKindSurvivesReopen() {
        assumePersistent();
        KvStore s = openAllowingMerge(MergeOperator.int64Add(), b -> { });
        StoreConfig cfg = s.config().mergeOperator().isPresent() ? config(b -> b.mergeOperator(MergeOperator.int64Add())) : config();
        boolean ttl = has(s, TTL);
        boolean spaces = has(s, KEYSPACES);
        boolean merge = has(s, MERGE);
        boolean txns = has(s, TRANSACTIONS);
        s.put(b("a"), b("1"));
        s.put(b("b"), b("2"));
        s.delete(b("b"));
        s.put(b("c"), b("first"));
        s.put(b("c"), b("second"));
        s.put(b("empty"), new byte[0]);
        s.write(new WriteBatch().put(b("batch"), b("x")).delete(b("a-not-there")));
        if (ttl) {
            s.put(b("long"), b("v"), Duration.ofMillis(100_500));
            s.put(b("short"), b("v"), Duration.ofMillis(5_500));
            s.put(b("dead"), b("v"), Duration.ofMillis(1_500));
            s.put(b("saved"), b("v"), Duration.ofMillis(1_500));
            s.persist(b("saved"));
        }
        if (spaces) {
            s.keyspace("other").put(b("k"), b("other"));
            s.keyspace("gone").put(b("k"), b("gone"));
            s.dropKeyspace("gone");
        }
        if (merge) {
            s.merge(b("n"), i64(40));
            s.merge(b("n"), i64(2));
        }
        if (txns) {
            s.inTransaction(t -> {
                t.put(b("txn"), b("committed"));
                t.delete(b("c-not-there"));
                return null;
            });
            try (KvTxn t = s.begin()) {
                t.put(b("rolled"), b("back"));
            }
        }
        advanceSeconds(2);
        List<KvEntry> before = scan(s, KeyRange.all());

        s = reopen(s, cfg);
        assertThat(scan(s, KeyRange.all())).isEqualTo(before);
        assertThat(s(s.get(b("a")))).isEqualTo("1");
        assertThat(s.get(b("b"))).as("a delete survives").isNull();
        assertThat(s(s.get(b("c")))).isEqualTo("second");
        assertThat(s.get(b("empty"))).isEmpty();
        assertThat(s(s.get(b("batch")))).isEqualTo("x");
        if (ttl) {
            assertThat(s.get(b("dead"))).as("expired before close").isNull();
            assertThat(s.ttl(b("long")))
                    .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(97_500), Duration.ofMillis(98_500)));
            assertThat(s.ttl(b("saved"))).isEmpty();
            assertThat(s.contains(b("short"))).isTrue();
            advanceSeconds(4);
            assertThat(s.contains(b("short"))).as("expiry survives reopen").isFalse();
            assertThat(s.contains(b("saved"))).isTrue();
        }
        if (spaces) {
            assertThat(s(s.keyspace("other").get(b("k")))).isEqualTo("other");
            assertThat(s.keyspaces()).contains("other").doesNotContain("gone");
            assertThat(s.keyspace("gone").count()).isZero();
        }
        if (merge) {
            assertThat(i64(s.get(b("n")))).isEqualTo(42);
            s.merge(b("n"), i64(1));
        }
        if (txns) {
            assertThat(s(s.get(b("txn")))).isEqualTo("committed");
            assertThat(s.get(b("rolled"))).isNull();
        }
        s.put(b("second-session"), b("v"));
        s.delete(b("a"));
        List<KvEntry> afterSecond = scan(s, KeyRange.all());

        s = reopen(s, cfg);
        assertThat(scan(s, KeyRange.all())).isEqualTo(afterSecond);
        if (merge) {
            assertThat(i64(s.get(b("n")))).isEqualTo(43);
        }
        assertThat(s.checkIntegrity().ok()).isTrue();
    }

    @Test
    public void manyOverwritesAndDeletesSurviveReopen() {
        assumePersistent();
        StoreConfig cfg = config();
        KvStore s = open(cfg);
        TreeMap<String, String> expected = new TreeMap<>();
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 400; i++) {
                String k = "k" + random.nextInt(150);
                if (random.nextInt(4) == 0) {
                    s.delete(b(k));
                    expected.remove(k);
                } else {
                    String v = "r" + round + "-" + i;
                    s.put(b(k), b(v));
                    expected.put(k, v);
                }
            }
            if (round == 1) {
                s.compact();
            }
            s = reopen(s, cfg);
            Map<String, String> actual = new TreeMap<>();
            for (KvEntry en : scan(s, KeyRange.all())) {
                actual.put(s(en.key()), s(en.value()));
            }
            assertThat(actual).as("after reopen %d", round).isEqualTo(expected);
            assertThat(s.count()).isEqualTo(expected.size());
        }
    }

    @Test
    public void theSameStoreOpensTwiceInARowWithoutWrites() {
        assumePersistent();
        StoreConfig cfg = config();
        KvStore s = open(cfg);
        s.put(b("k"), b("v"));
        s = reopen(s, cfg);
        s = reopen(s, cfg);
        assertThat(scan(s, KeyRange.all())).containsExactly(e("k", "v"));
        assertThat(s.path()).isPresent();
        assertThat(s.isOpen()).isTrue();
    }
}
