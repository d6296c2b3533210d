package dev.oxistore.bench.driver;

import dev.oxistore.kv.Durability;
import java.nio.file.Path;
import java.util.Arrays;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;

/**
 * JetBrains Xodus, the Environments API with one store of unique keys on a Patricia tree
 * ({@code WITHOUT_DUPLICATES_WITH_PREFIXING}, which Xodus's documentation recommends for
 * performance) and one transaction per operation. Durability: {@code SYNC} is
 * {@code setLogDurableWrite(true)} (fsync per commit); {@code FLUSH} and {@code NONE} are Xodus's
 * default (each commit written to the log, not fsynced): Xodus has nothing looser.
 */
final class XodusPeer extends FixedPeer {

    XodusPeer() {
        super("xodus", Kind.ORDERED_ON_DISK);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        EnvironmentConfig ec = new EnvironmentConfig().setLogDurableWrite(config.durability() == Durability.SYNC);
        Environment env = Environments.newInstance(dir.toFile(), ec);
        Store store = env.computeInTransaction(
                txn -> env.openStore("bench", StoreConfig.WITHOUT_DUPLICATES_WITH_PREFIXING, txn));
        return new XodusDriver(env, store);
    }

    private record XodusDriver(Environment env, Store store) implements Driver {

        @Override
        public void put(byte[] key, byte[] value) {
            env.executeInTransaction(txn -> store.put(txn, new ArrayByteIterable(key), new ArrayByteIterable(value)));
        }

        @Override
        public byte[] get(byte[] key) {
            return env.computeInReadonlyTransaction(txn -> bytes(store.get(txn, new ArrayByteIterable(key))));
        }

        @Override
        public void delete(byte[] key) {
            env.executeInTransaction(txn -> store.delete(txn, new ArrayByteIterable(key)));
        }

        @Override
        public int seek(byte[] from, int count) {
            return env.computeInReadonlyTransaction(txn -> {
                try (Cursor c = store.openCursor(txn)) {
                    int n = 0;
                    boolean ok = c.getSearchKeyRange(new ArrayByteIterable(from)) != null;
                    while (ok && n < count) {
                        consume(c);
                        n++;
                        ok = c.getNext();
                    }
                    return n;
                }
            });
        }

        @Override
        public long scanAll(boolean reverse) {
            return env.computeInReadonlyTransaction(txn -> scan(txn, reverse));
        }

        private long scan(Transaction txn, boolean reverse) {
            try (Cursor c = store.openCursor(txn)) {
                long n = 0;
                if (reverse) {
                    for (boolean ok = c.getLast(); ok; ok = c.getPrev()) {
                        consume(c);
                        n++;
                    }
                } else {
                    while (c.getNext()) {
                        consume(c);
                        n++;
                    }
                }
                return n;
            }
        }

        private static void consume(Cursor c) {
            Blackhole.consume(c.getKey().getBytesUnsafe(), c.getValue().getBytesUnsafe());
        }

        private static byte[] bytes(ByteIterable it) {
            return it == null ? null : Arrays.copyOf(it.getBytesUnsafe(), it.getLength());
        }

        @Override
        public void flush() {
            // every commit already wrote its log records
        }

        @Override
        public void close() {
            env.close();
        }
    }
}
