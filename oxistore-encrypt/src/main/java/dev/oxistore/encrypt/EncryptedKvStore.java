package dev.oxistore.encrypt;

import dev.oxistore.kv.Capability;
import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.EngineKind;
import dev.oxistore.kv.IntegrityReport;
import dev.oxistore.kv.InvalidArgumentException;
import dev.oxistore.kv.KeyRange;
import dev.oxistore.kv.Keyspace;
import dev.oxistore.kv.KvCursor;
import dev.oxistore.kv.KvEntry;
import dev.oxistore.kv.KvReadWriter;
import dev.oxistore.kv.KvSnapshot;
import dev.oxistore.kv.KvStore;
import dev.oxistore.kv.KvTxn;
import dev.oxistore.kv.StoreClosedException;
import dev.oxistore.kv.StoreConfig;
import dev.oxistore.kv.StoreMetrics;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchListener;
import dev.oxistore.kv.WriteBatch;
import dev.oxistore.kv.spi.Checks;
import dev.oxistore.kv.spi.DefaultKeyspaceStore;
import dev.oxistore.kv.spi.Lifecycle;
import dev.oxistore.kv.spi.Merges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * Encryption at rest for any {@link KvStore}: a decorator that seals every value with an AEAD
 * and keeps the whole {@code KvStore} contract, so storage code does not change.
 *
 * <pre>{@code
 * KvStore inner = OxiStore.open(path, EncryptedKvStore.innerConfig(config));
 * try (EncryptedKvStore store = EncryptedKvStore.wrap(inner, Keyring.of(1, KeySource.passphrase(pass)))) {
 *     store.put(key, secret);          // sealed; keys stay as they are
 * }
 * }</pre>
 *
 * <h2>What is protected</h2>
 * Values: each is sealed under its own random 256-bit data key (DEK), and the DEK is wrapped under
 * a versioned key-encryption key (KEK) from the {@link Keyring}. The associated data binds both to
 * the keyspace name and the key, so bytes copied to another key or keyspace, or changed in any
 * bit, fail to open with {@link CorruptionException}; no unauthenticated byte is ever returned.
 * The format is documented byte by byte in the module README.
 *
 * <p><b>Keys are not encrypted</b>, nor are keyspace names, value lengths (a value grows by at
 * most {@value #MAX_OVERHEAD} bytes), expiry times, or which keys exist: keep secrets out of keys.
 * That is what keeps ordering, range and prefix scans, counts and TTLs working unchanged on every
 * engine. Nor does sealing prevent rolling a key back to an older value of the same key copied
 * from a backup (no freshness), or copying a value between two stores that share a KEK.
 *
 * <h2>How each operation works</h2>
 * <ul>
 *   <li>Reads open values as they come out; scans open each entry as the cursor yields it.</li>
 *   <li>{@code put} seals under the primary KEK version, so every write re-wraps lazily.</li>
 *   <li>{@code compareAndSet} compares plaintexts: it opens the current ciphertext and swaps exactly
 *       that ciphertext with the inner store's compare-and-set, retrying if it changed meanwhile.</li>
 *   <li>{@code merge} opens, merges with the configured {@link dev.oxistore.kv.MergeOperator},
 *       re-seals and puts back inside an inner transaction, which makes it atomic and keeps the
 *       expiry; merging therefore needs an inner store with transactions (otherwise
 *       {@link Capability#MERGE} is not offered). Batches with merges run the same way; batches
 *       without merges go to the inner store's {@code write} sealed.</li>
 *   <li>Transactions, snapshots and watchers wrap the inner ones and see plaintext. A re-key
 *       re-wrap is a put of the unchanged value, so watchers see a PUT event for it.</li>
 *   <li>TTLs, {@code count}, {@code compact}, {@code flush}, {@code backup} (the copy stays
 *       encrypted, key records included) pass through; {@code checkIntegrity} also opens every
 *       value.</li>
 * </ul>
 *
 * <h2>Keys and rotation</h2>
 * {@link #rotate} adds a KEK version and makes it primary; {@link #rekey()} re-wraps the data key
 * of every value under the primary (48 bytes per value, the value's ciphertext is untouched), in
 * chunks that are each one atomic inner transaction (split smaller when writers keep conflicting
 * with them), so a crash leaves every value readable under some version still in the keyring and
 * a second run carries on; {@link #retire} forgets a version once a scan shows no value uses it. The reserved inner keyspace {@code oxistore.encrypt} holds
 * the key records (salts, wrapped keys, key check values: nothing secret).
 *
 * <h2>Cost</h2>
 * A put draws a 32-byte DEK from one DRBG, wraps it (one 32-byte ChaCha20-Poly1305 seal under the
 * HChaCha20 subkey the KEK's {@link dev.oxistore.encrypt.aead.XChaChaKey} keeps for its current
 * nonce prefix) and seals the value; a get does the reverse, with one HChaCha20 only when the wrap
 * nonce's prefix is none of the KEK's recent ones (values written by an older session). The DEK step is a fixed
 * cost of about one small AEAD per operation whatever the value size, paid so that re-keying
 * never re-encrypts values. Caching DEKs would not help (each value has its own) and caching
 * plaintext would defeat the point, so neither is done.
 *
 * <p>The decorator owns the inner store: closing it closes the inner one. Thread-safe.
 */
public final class EncryptedKvStore implements DefaultKeyspaceStore {

    /**
     * The most a value grows by when sealed (94 bytes, with XChaCha20-Poly1305). The decorator's
     * {@link StoreConfig#maxValueSize()} is the inner store's less this.
     */
    public static final int MAX_OVERHEAD = Envelope.MAX_OVERHEAD;

    private final KvStore inner;
    private final StoreConfig config;
    private final Set<Capability> capabilities;
    private final Lifecycle life;
    private final Sealer sealer;
    private final KeyMetadata metadata;
    private final EncryptedKeyspace defaultSpace;
    private final Rekeyer rekeyer;
    private final Object adminLock = new Object(); // rotate, rekey, keyUsage and retire run one at a time

    private EncryptedKvStore(KvStore inner, StoreConfig config, Algorithm algorithm) {
        this.inner = inner;
        this.config = config;
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(inner.capabilities());
        if (!caps.contains(Capability.TRANSACTIONS)) {
            caps.remove(Capability.MERGE);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
        this.life = Lifecycle.root("the encrypted store is closed: open the inner store again and wrap it", config.readOnly());
        this.sealer = new Sealer(algorithm, config, life);
        this.metadata = new KeyMetadata(inner, sealer);
        this.defaultSpace = new EncryptedKeyspace(inner.keyspace(DEFAULT_KEYSPACE), inner, sealer);
        this.rekeyer = new Rekeyer(inner, sealer);
    }

    /** Wraps {@code inner} with the default algorithm, {@link Algorithm#XCHACHA20_POLY1305}. */
    public static EncryptedKvStore wrap(KvStore inner, Keyring keyring) {
        return wrap(inner, keyring, Algorithm.XCHACHA20_POLY1305);
    }

    /**
     * Wraps {@code inner}, taking ownership of it. Resolves every version of {@code keyring}:
     * versions this store knows are rebuilt (passphrases re-derived, provider keys unwrapped) and
     * checked against their key check values; new ones are recorded. New values are sealed with
     * {@code algorithm}; values sealed with the other one stay readable. When wrapping fails the
     * caller still owns {@code inner} and must close it.
     *
     * @throws InvalidArgumentException for a wrong key, a retired version in the keyring, an active
     *         version missing from it, an inner store whose value limit is below
     *         {@value #MAX_OVERHEAD} bytes, or an algorithm this JDK lacks
     * @throws StoreClosedException when {@code inner} is closed
     */
    public static EncryptedKvStore wrap(KvStore inner, Keyring keyring, Algorithm algorithm) {
        if (inner == null || keyring == null || algorithm == null) {
            throw new InvalidArgumentException("wrap needs an inner store, a keyring and an algorithm; got null");
        }
        if (inner instanceof EncryptedKvStore) {
            throw new InvalidArgumentException("the store is already encrypted: wrap its inner() store, or use it as it is");
        }
        if (!inner.isOpen()) {
            throw new StoreClosedException("the inner store is closed: open it before wrapping it");
        }
        if (!algorithm.isAvailable()) {
            throw new InvalidArgumentException("this JDK lacks the ciphers of " + algorithm + " (a restricted security "
                    + "provider list?): choose another Algorithm");
        }
        StoreConfig innerConfig = inner.config();
        if (innerConfig.maxValueSize() < MAX_OVERHEAD) {
            throw new InvalidArgumentException("the inner store's maxValueSize of " + innerConfig.maxValueSize()
                    + " bytes leaves no room for the " + MAX_OVERHEAD + " bytes of encryption overhead: open it with "
                    + "EncryptedKvStore.innerConfig(config)");
        }
        StoreConfig config = innerConfig.toBuilder().maxValueSize(innerConfig.maxValueSize() - MAX_OVERHEAD).build();
        EncryptedKvStore store = new EncryptedKvStore(inner, config, algorithm);
        store.sealer.keys(store.metadata.resolve(keyring));
        return store;
    }

    /**
     * The configuration to open an inner store with so that the encrypted store accepts values of
     * {@code config.maxValueSize()} bytes: the same, with {@value #MAX_OVERHEAD} bytes more room
     * (capped at the 1 GiB maximum, which then costs the encrypted store that much).
     */
    public static StoreConfig innerConfig(StoreConfig config) {
        if (config == null) {
            throw new InvalidArgumentException("config is null");
        }
        long room = Math.min((long) config.maxValueSize() + MAX_OVERHEAD, 1 << 30);
        return config.toBuilder().maxValueSize((int) room).build();
    }

    // ------------------------------------------------------------------ keys

    /** The ciphertext store underneath. Writing to it directly bypasses encryption. */
    public KvStore inner() {
        return inner;
    }

    /** The algorithm new values are sealed with. */
    public Algorithm algorithm() {
        return sealer.algorithm;
    }

    /** The key version new values are sealed under. */
    public int primaryVersion() {
        return sealer.keys().primary();
    }

    /** The key versions this store can open values of, ascending. */
    public SortedSet<Integer> keyVersions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(sealer.keys().keks().keySet()));
    }

    /**
     * Adds key version {@code version} from {@code source} and makes it the primary: values
     * written from now on are sealed under it. Include it in the {@link Keyring} whenever the
     * store is opened again; then {@link #rekey()} moves the existing values to it.
     *
     * @throws InvalidArgumentException unless {@code version} is above every version this store
     *         has had (retired ones included)
     */
    public void rotate(int version, KeySource source) {
        synchronized (adminLock) {
            life.ensureWritable();
            Keyring.checkVersion(version);
            if (source == null) {
                throw new InvalidArgumentException("key source is null");
            }
            int highest = Math.max(metadata.highestVersion(), sealer.keys().keks().lastKey());
            if (version <= highest) {
                throw new InvalidArgumentException("a new key version must be above every version this store has had; "
                        + "the highest is " + highest + ": rotate to " + (highest + 1) + " or more");
            }
            sealer.keys(sealer.keys().withPrimary(metadata.createNew(version, source)));
        }
    }

    /**
     * Re-wraps the data key of every value not under the primary version, in every keyspace.
     * Runs on the calling thread while reads and writes go on; each chunk of up to 256 values is one
     * atomic inner transaction, split in halves when writers keep conflicting with it (one
     * compare-and-set per value on an inner store without transactions),
     * so an interrupted run leaves each value under its old or its new version, both still in the
     * keyring, and running it again finishes the job. Values deleted or rewritten meanwhile are
     * left to their writer, whose value is already under the primary.
     */
    public RekeyResult rekey() {
        synchronized (adminLock) {
            life.ensureWritable();
            return rekeyer.run(Rekeyer.CHUNK, n -> { });
        }
    }

    /** Test hook: {@link #rekey()} with a chunk size and a callback after each committed chunk. */
    RekeyResult rekey(int chunk, LongConsumer afterChunk) {
        synchronized (adminLock) {
            life.ensureWritable();
            return rekeyer.run(chunk, afterChunk);
        }
    }

    /** Runs {@link #rekey()} on {@code executor}. */
    public CompletableFuture<RekeyResult> rekeyAsync(Executor executor) {
        if (executor == null) {
            throw new InvalidArgumentException("executor is null");
        }
        return CompletableFuture.supplyAsync(this::rekey, executor);
    }

    /**
     * How many live values each key version wraps, by scanning the headers of every keyspace
     * (nothing is decrypted). Values whose header is unreadable are not counted.
     */
    public SortedMap<Integer, Long> keyUsage() {
        synchronized (adminLock) {
            life.ensureOpen();
            return rekeyer.usage();
        }
    }

    /**
     * Forgets key version {@code version}: its key record is marked retired (and the version can
     * never be added again) and its key is dropped from memory. Refuses while anything may still
     * need it: it must not be the primary; no live value may use it (checked by a scan of every
     * keyspace's headers, after waiting for operations that began before the call, so a write
     * sealed under it just before a rotation is counted); and no snapshot, transaction or cursor
     * opened before the scan may still be open. Run {@link #rekey()} first.
     *
     * @throws InvalidArgumentException when the version is unknown, primary, or still in use
     */
    public void retire(int version) {
        synchronized (adminLock) {
            life.ensureWritable();
            KeyState keys = sealer.keys();
            Kek kek = keys.kek(version);
            if (kek == null) {
                throw new InvalidArgumentException("key version " + version + " is not in this store's keyring "
                        + keys.keks().keySet());
            }
            if (version == keys.primary()) {
                throw new InvalidArgumentException("key version " + version + " is the primary: rotate to a new version, "
                        + "rekey(), then retire it");
            }
            awaitEarlierOperations(version);
            long using = rekeyer.usage().getOrDefault(version, 0L);
            if (using > 0) {
                throw new InvalidArgumentException(using + " values still use key version " + version
                        + ": run rekey() first, then retire it");
            }
            long views = awaitEarlierOperations(version);
            if (views > 0) {
                throw new InvalidArgumentException(views + " snapshots, transactions or cursors opened before retire("
                        + version + ") are still open and may read values of that version: close them and retry");
            }
            metadata.markRetired(version);
            sealer.keys(sealer.keys().without(version));
            kek.wipe();
        }
    }

    private long awaitEarlierOperations(int version) {
        long views = sealer.leases.advance(30_000_000_000L);
        if (views < 0) {
            throw new InvalidArgumentException("operations begun before retire(" + version + ") did not finish within "
                    + "30 s: retry when the store is quieter");
        }
        return views;
    }

    // ------------------------------------------------------------------ store

    @Override
    public EngineKind kind() {
        return inner.kind();
    }

    @Override
    public StoreConfig config() {
        return config;
    }

    @Override
    public Optional<Path> path() {
        return inner.path();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Keyspace keyspace(String name) {
        life.ensureOpen();
        Checks.keyspaceName(name);
        Sealer.userKeyspace(name);
        return DEFAULT_KEYSPACE.equals(name) ? defaultSpace : new EncryptedKeyspace(inner.keyspace(name), inner, sealer);
    }

    @Override
    public Set<String> keyspaces() {
        life.ensureOpen();
        TreeSet<String> names = new TreeSet<>(inner.keyspaces());
        names.remove(KeyMetadata.KEYSPACE);
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public boolean dropKeyspace(String name) {
        life.ensureWritable();
        Checks.keyspaceName(name);
        Sealer.userKeyspace(name);
        return inner.dropKeyspace(name);
    }

    /**
     * Seals every put; a batch without merges goes to the inner store's {@code write} as one
     * atomic batch, one with merges runs as one inner transaction (retried on conflict).
     */
    @Override
    public void write(WriteBatch batch) {
        life.ensureWritable();
        if (batch == null) {
            throw new InvalidArgumentException("batch is null: pass a WriteBatch");
        }
        if (batch.isEmpty()) {
            return;
        }
        boolean merges = false;
        long writes = 0;
        long deletes = 0;
        for (WriteBatch.Op op : batch.ops()) {
            Sealer.userKeyspace(op.keyspace());
            Checks.checkKey(op.key(), config);
            switch (op) {
                case WriteBatch.Put p -> {
                    Checks.checkValue(p.value(), config);
                    writes++;
                }
                case WriteBatch.Merge m -> {
                    Checks.checkValue(m.operand(), config);
                    merges = true;
                    writes++;
                }
                case WriteBatch.Delete ignored -> deletes++;
            }
        }
        if (merges) {
            Merges.require(config);
            Writes.requireTransactions(inner);
        }
        Leases.Epoch lease = sealer.leases.enterOp();
        try {
            if (merges) {
                inner.inTransaction(Writes.ATTEMPTS, txn -> {
                    for (WriteBatch.Op op : batch.ops()) {
                        apply(txn.keyspace(op.keyspace()), op);
                    }
                    return null;
                });
            } else {
                WriteBatch sealed = new WriteBatch();
                for (WriteBatch.Op op : batch.ops()) {
                    switch (op) {
                        case WriteBatch.Put p when p.ttl() == null ->
                                sealed.put(p.keyspace(), p.key(), sealer.seal(p.keyspace(), p.key(), p.value()));
                        case WriteBatch.Put p ->
                                sealed.put(p.keyspace(), p.key(), sealer.seal(p.keyspace(), p.key(), p.value()), p.ttl());
                        case WriteBatch.Delete d -> sealed.delete(d.keyspace(), d.key());
                        case WriteBatch.Merge ignored -> throw new AssertionError("merges take the transaction path");
                    }
                }
                inner.write(sealed);
            }
        } finally {
            sealer.leases.exitOp(lease);
        }
        sealer.metrics.writes(writes);
        sealer.metrics.deletes(deletes);
        sealer.metrics.commit();
    }

    private void apply(KvReadWriter space, WriteBatch.Op op) {
        switch (op) {
            case WriteBatch.Put p -> Writes.put(space, sealer.seal(p.keyspace(), p.key(), p.value()), p.key(), p.ttl());
            case WriteBatch.Delete d -> space.delete(d.key());
            case WriteBatch.Merge m -> Writes.merge(space, sealer, m.keyspace(), m.key(), m.operand());
        }
    }

    @Override
    public KvTxn begin() {
        life.ensureOpen();
        Leases.Epoch lease = sealer.leases.enterView();
        try {
            return new EncryptedTxn(inner.begin(), sealer, lease);
        } catch (RuntimeException | Error e) {
            sealer.leases.exitView(lease);
            throw e;
        }
    }

    @Override
    public KvSnapshot snapshot() {
        life.ensureOpen();
        Leases.Epoch lease = sealer.leases.enterView();
        try {
            return new EncryptedSnapshot(inner.snapshot(), sealer, lease);
        } catch (RuntimeException | Error e) {
            sealer.leases.exitView(lease);
            throw e;
        }
    }

    @Override
    public long purgeExpired() {
        life.ensureWritable();
        return inner.purgeExpired();
    }

    @Override
    public long sizeOnDisk() {
        life.ensureOpen();
        return inner.sizeOnDisk();
    }

    @Override
    public long compact() {
        life.ensureOpen();
        return inner.compact();
    }

    @Override
    public void flush() {
        life.ensureOpen();
        inner.flush();
    }

    /** Backs up the inner store: the copy holds ciphertext and key records, never plaintext. */
    @Override
    public void backup(Path target) {
        life.ensureOpen();
        inner.backup(target);
    }

    /**
     * The inner store's check, plus an authenticated open of every value in every keyspace: a
     * value that fails is reported with its keyspace and key (never its contents).
     */
    @Override
    public IntegrityReport checkIntegrity() {
        life.ensureOpen();
        IntegrityReport base = inner.checkIntegrity();
        List<String> problems = new ArrayList<>(base.problems());
        long opened = 0;
        for (String name : keyspaces()) {
            try (KvCursor c = inner.keyspace(name).scan(KeyRange.all())) {
                while (c.hasNext()) {
                    KvEntry e = c.next();
                    try {
                        sealer.open(name, e.key(), e.value());
                        opened++;
                    } catch (CorruptionException ex) {
                        problems.add(ex.getMessage());
                    }
                }
            }
        }
        return new IntegrityReport(base.entriesChecked() + opened, problems);
    }

    /**
     * Reads, writes, deletes, scans, commits and conflicts as seen through this decorator; expired
     * entries and engine figures from the inner store, plus {@code encrypt.*} figures: values
     * sealed, opened, failing authentication, re-wrapped, and the primary version.
     */
    @Override
    public StoreMetrics metrics() {
        life.ensureOpen();
        StoreMetrics own = sealer.metrics.snapshot();
        StoreMetrics base = inner.metrics();
        Map<String, Long> engine = new TreeMap<>(base.engine());
        engine.putAll(own.engine());
        return new StoreMetrics(own.reads(), own.writes(), own.deletes(), own.scans(), own.commits(), own.conflicts(),
                base.expired(), engine);
    }

    @Override
    public boolean isOpen() {
        return life.isOpen() && inner.isOpen();
    }

    @Override
    public void close() {
        if (life.close()) {
            inner.close();
        }
    }

    @Override
    public String toString() {
        return "EncryptedKvStore[" + sealer.algorithm + ", primary key version " + sealer.keys().primary() + ", over "
                + inner + "]";
    }

    @Override
    public Keyspace defaultKeyspace() {
        return defaultSpace;
    }
}
