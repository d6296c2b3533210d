package dev.oxistore.bench.driver;

import com.sleepycat.je.Cursor;
import com.sleepycat.je.Database;
import com.sleepycat.je.DatabaseConfig;
import com.sleepycat.je.DatabaseEntry;
import com.sleepycat.je.Environment;
import com.sleepycat.je.EnvironmentConfig;
import com.sleepycat.je.LockMode;
import com.sleepycat.je.OperationStatus;
import java.nio.file.Path;

/**
 * Oracle Berkeley DB Java Edition: a transactional environment with auto-commit writes (each
 * operation its own transaction, as the JE Getting Started guide shows), the default cache
 * (60% of the heap) and default key order (unsigned bytes). Durability maps one to one onto JE's:
 * {@code SYNC} is {@code COMMIT_SYNC}, {@code FLUSH} is {@code COMMIT_WRITE_NO_SYNC} (written to
 * the OS), {@code NONE} is {@code COMMIT_NO_SYNC} (JE's log buffer).
 */
final class JePeer extends FixedPeer {

    JePeer() {
        super("je", Kind.ORDERED_ON_DISK);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        EnvironmentConfig ec = new EnvironmentConfig();
        ec.setAllowCreate(true);
        ec.setTransactional(true);
        ec.setDurability(switch (config.durability()) {
            case SYNC -> com.sleepycat.je.Durability.COMMIT_SYNC;
            case FLUSH -> com.sleepycat.je.Durability.COMMIT_WRITE_NO_SYNC;
            case NONE -> com.sleepycat.je.Durability.COMMIT_NO_SYNC;
        });
        Environment env = new Environment(dir.toFile(), ec);
        DatabaseConfig dc = new DatabaseConfig();
        dc.setAllowCreate(true);
        dc.setTransactional(true);
        Database db = env.openDatabase(null, "bench", dc);
        return new JeDriver(env, db);
    }

    private record JeDriver(Environment env, Database db) implements Driver {

        @Override
        public void put(byte[] key, byte[] value) {
            db.put(null, new DatabaseEntry(key), new DatabaseEntry(value));
        }

        @Override
        public byte[] get(byte[] key) {
            DatabaseEntry value = new DatabaseEntry();
            return db.get(null, new DatabaseEntry(key), value, LockMode.DEFAULT) == OperationStatus.SUCCESS ? value.getData() : null;
        }

        @Override
        public void delete(byte[] key) {
            db.delete(null, new DatabaseEntry(key));
        }

        @Override
        public int seek(byte[] from, int count) {
            DatabaseEntry key = new DatabaseEntry(from);
            DatabaseEntry value = new DatabaseEntry();
            try (Cursor c = db.openCursor(null, null)) {
                int n = 0;
                OperationStatus s = c.getSearchKeyRange(key, value, LockMode.DEFAULT);
                while (s == OperationStatus.SUCCESS && n < count) {
                    Blackhole.consume(key.getData(), value.getData());
                    n++;
                    s = c.getNext(key, value, LockMode.DEFAULT);
                }
                return n;
            }
        }

        @Override
        public long scanAll(boolean reverse) {
            DatabaseEntry key = new DatabaseEntry();
            DatabaseEntry value = new DatabaseEntry();
            try (Cursor c = db.openCursor(null, null)) {
                long n = 0;
                OperationStatus s = reverse ? c.getLast(key, value, LockMode.DEFAULT) : c.getFirst(key, value, LockMode.DEFAULT);
                while (s == OperationStatus.SUCCESS) {
                    Blackhole.consume(key.getData(), value.getData());
                    n++;
                    s = reverse ? c.getPrev(key, value, LockMode.DEFAULT) : c.getNext(key, value, LockMode.DEFAULT);
                }
                return n;
            }
        }

        @Override
        public void flush() {
            env.flushLog(true);
        }

        @Override
        public void close() {
            db.close();
            env.close();
        }
    }
}
