package dev.oxistore.kv;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * An open key-value store. The store is itself its default keyspace (named
 * {@value #DEFAULT_KEYSPACE}); {@link #keyspace(String)} gives others. Obtain one from the
 * {@code dev.oxistore.OxiStore} facade or from an engine's {@link dev.oxistore.kv.spi.KvEngine}.
 *
 * <p>Rules, for every engine (checked by the testkit's conformance suite):
 * <ul>
 *   <li>Every method is thread-safe.</li>
 *   <li>A write acknowledged under {@link Durability#SYNC} survives a crash of the process or
 *       the machine; {@link Durability} tells what the other modes risk.</li>
 *   <li>{@link #write(WriteBatch)} and {@link KvTxn#commit()} are atomic across keyspaces.</li>
 *   <li>After {@link #close()} every method, of the store and of its keyspaces, snapshots,
 *       transactions and cursors, raises {@link StoreClosedException}, except {@code close},
 *       {@code isOpen}, {@code kind}, {@code config}, {@code path} and {@code capabilities},
 *       which describe the store; closing twice is harmless.</li>
 *   <li>A batch with an invalid operation (an oversized value, a failing merge) applies
 *       nothing.</li>
 *   <li>A method of a capability the engine lacks raises {@link UnsupportedFeatureException}.</li>
 *   <li>Writes on a read-only store raise {@link ReadOnlyStoreException}.</li>
 * </ul>
 */
public interface KvStore extends Keyspace, AutoCloseable {

    /** The name of the keyspace that the store's own methods address. */
    String DEFAULT_KEYSPACE = "default";

    /** The engine behind this store. */
    EngineKind kind();

    /** The configuration the store was opened with. */
    StoreConfig config();

    /** Where the store lives, or empty for an in-memory store. */
    Optional<Path> path();

    /** What this engine offers beyond the core operations. */
    Set<Capability> capabilities();

    /**
     * The keyspace {@code name}, created when first written. Letters, digits, '_', '-' and '.'
     * only, 1 to 255 characters.
     *
     * @throws InvalidArgumentException for a bad name
     */
    Keyspace keyspace(String name);

    /** The names of the keyspaces that hold or have held data, including the default one, sorted. */
    Set<String> keyspaces();

    /**
     * Removes a keyspace and all its entries.
     *
     * @return false when it did not exist
     * @throws InvalidArgumentException for the default keyspace
     */
    boolean dropKeyspace(String name);

    /** Applies every operation of {@code batch} atomically. */
    void write(WriteBatch batch);

    /**
     * Starts a snapshot-isolation transaction.
     *
     * @throws UnsupportedFeatureException without {@link Capability#TRANSACTIONS}
     */
    KvTxn begin();

    /**
     * Runs {@code work} in a transaction and commits it, retrying the whole function on a
     * retryable {@link TxnConflictException} up to 16 attempts, with a short randomised back-off.
     * {@code work} may therefore run more than once: keep side effects out of it.
     */
    default <T> T inTransaction(Function<KvTxn, T> work) {
        return inTransaction(16, work);
    }

    /**
     * Like {@link #inTransaction(Function)} with a chosen number of attempts.
     *
     * @throws TxnConflictException when every attempt conflicted (the last conflict)
     * @throws InvalidArgumentException when {@code maxAttempts < 1}
     */
    default <T> T inTransaction(int maxAttempts, Function<KvTxn, T> work) {
        if (maxAttempts < 1) {
            throw new InvalidArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        for (int attempt = 1; ; attempt++) {
            try (KvTxn txn = begin()) {
                T result = work.apply(txn);
                txn.commit();
                return result;
            } catch (TxnConflictException e) {
                if (!e.isRetryable() || attempt >= maxAttempts) {
                    throw e;
                }
                long maxPauseNanos = Math.min(1L << Math.min(attempt, 20), 1_000) * 1_000L;
                java.util.concurrent.locks.LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxPauseNanos) + 1);
            }
        }
    }

    /**
     * A point-in-time view of every keyspace; close it when done.
     *
     * @throws UnsupportedFeatureException without {@link Capability#SNAPSHOTS}
     */
    KvSnapshot snapshot();

    /**
     * Removes every expired entry now, in every keyspace (reads already hide them).
     *
     * @return the number of entries removed
     */
    long purgeExpired();

    /** Bytes the store occupies on disk (0 for an in-memory store). */
    long sizeOnDisk();

    /**
     * Reclaims space from deleted and overwritten entries.
     *
     * @return bytes reclaimed (an estimate where the engine cannot tell exactly)
     */
    long compact();

    /** Makes every acknowledged write durable now, whatever the configured durability. */
    void flush();

    /**
     * Writes a consistent copy of the whole store to {@code target} while writers continue.
     *
     * @throws UnsupportedFeatureException without {@link Capability#BACKUP}
     * @throws InvalidArgumentException when {@code target} already exists
     */
    void backup(Path target);

    /** Verifies stored bytes and structure, reporting problems instead of throwing. */
    IntegrityReport checkIntegrity();

    /** Counters since the store was opened. */
    StoreMetrics metrics();

    /** True until {@link #close()}. */
    boolean isOpen();

    /** Flushes and releases the store; harmless when called again. */
    @Override
    void close();
}
