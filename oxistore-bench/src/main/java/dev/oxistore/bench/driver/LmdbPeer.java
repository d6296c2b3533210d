package dev.oxistore.bench.driver;

import dev.oxistore.kv.Durability;
import java.nio.file.Path;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * LMDB through lmdbjava with byte-array buffers (so no {@code --add-opens} of {@code java.nio}
 * is needed), a map size of four times the expected data (LMDB's map is a virtual reservation),
 * and a read transaction per thread reused through {@code reset}/{@code renew}, as the LMDB
 * documentation recommends for frequent readers. Durability: {@code SYNC} is LMDB's default
 * (fsync at commit); {@code FLUSH} is {@code MDB_NOSYNC} (the OS writes the pages back);
 * {@code NONE} adds {@code MDB_WRITEMAP|MDB_MAPASYNC}.
 */
final class LmdbPeer extends FixedPeer {

    LmdbPeer() {
        super("lmdb", Kind.ORDERED_ON_DISK);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        long data = config.expectedKeys() * (config.keySize() + config.valueSize() + 64L);
        long mapSize = Math.max(64L << 20, 4 * data);
        EnvFlags[] flags = switch (config.durability()) {
            case SYNC -> new EnvFlags[0];
            case FLUSH -> new EnvFlags[] {EnvFlags.MDB_NOSYNC};
            case NONE -> new EnvFlags[] {EnvFlags.MDB_NOSYNC, EnvFlags.MDB_WRITEMAP, EnvFlags.MDB_MAPASYNC};
        };
        Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(mapSize).setMaxDbs(1).setMaxReaders(256)
                .open(dir.toFile(), flags);
        Dbi<byte[]> dbi = env.openDbi("bench", DbiFlags.MDB_CREATE);
        return new LmdbDriver(env, dbi, config.durability());
    }

    private static final class LmdbDriver implements Driver {

        private final Env<byte[]> env;
        private final Dbi<byte[]> dbi;
        private final Durability durability;
        private final ThreadLocal<Txn<byte[]>> readers;
        private final java.util.Queue<Txn<byte[]>> all = new java.util.concurrent.ConcurrentLinkedQueue<>();

        LmdbDriver(Env<byte[]> env, Dbi<byte[]> dbi, Durability durability) {
            this.env = env;
            this.dbi = dbi;
            this.durability = durability;
            this.readers = ThreadLocal.withInitial(() -> {
                Txn<byte[]> t = env.txnRead();
                t.reset();
                all.add(t);
                return t;
            });
        }

        private Txn<byte[]> read() {
            Txn<byte[]> t = readers.get();
            t.renew();
            return t;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            dbi.put(key, value);
        }

        @Override
        public byte[] get(byte[] key) {
            Txn<byte[]> t = read();
            try {
                return dbi.get(t, key);
            } finally {
                t.reset();
            }
        }

        @Override
        public void delete(byte[] key) {
            dbi.delete(key);
        }

        @Override
        public int seek(byte[] from, int count) {
            Txn<byte[]> t = read();
            try (Cursor<byte[]> c = dbi.openCursor(t)) {
                int n = 0;
                boolean ok = c.get(from, GetOp.MDB_SET_RANGE);
                while (ok && n < count) {
                    Blackhole.consume(c.key(), c.val());
                    n++;
                    ok = c.next();
                }
                return n;
            } finally {
                t.reset();
            }
        }

        @Override
        public long scanAll(boolean reverse) {
            Txn<byte[]> t = read();
            try (Cursor<byte[]> c = dbi.openCursor(t)) {
                long n = 0;
                boolean ok = reverse ? c.last() : c.first();
                while (ok) {
                    Blackhole.consume(c.key(), c.val());
                    n++;
                    ok = reverse ? c.prev() : c.next();
                }
                return n;
            } finally {
                t.reset();
            }
        }

        @Override
        public void flush() {
            env.sync(true);
        }

        @Override
        public void close() {
            for (Txn<byte[]> t : all) {
                t.close();
            }
            if (durability != Durability.NONE) {
                env.sync(true);
            }
            env.close();
        }
    }
}
