package dev.oxistore.bench.driver;

import dev.oxistore.kv.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/**
 * LevelDB-Java (org.iq80, the pure-Java port), with its defaults as its README shows them plus a
 * 64 MiB block cache. Durability: {@code SYNC} is {@code WriteOptions.sync(true)}; {@code FLUSH}
 * and {@code NONE} write the log without fsync (LevelDB's default).
 */
final class LevelDbPeer extends FixedPeer {

    LevelDbPeer() {
        super("leveldb", Kind.ORDERED_ON_DISK);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) throws IOException {
        DB db = Iq80DBFactory.factory.open(dir.toFile(), new Options().createIfMissing(true).cacheSize(64L << 20));
        return new LevelDriver(db, new WriteOptions().sync(config.durability() == Durability.SYNC));
    }

    private record LevelDriver(DB db, WriteOptions write) implements Driver {

        @Override
        public void put(byte[] key, byte[] value) {
            db.put(key, value, write);
        }

        @Override
        public byte[] get(byte[] key) {
            return db.get(key);
        }

        @Override
        public void delete(byte[] key) {
            db.delete(key, write);
        }

        @Override
        public int seek(byte[] from, int count) {
            try (DBIterator it = db.iterator()) {
                int n = 0;
                for (it.seek(from); n < count && it.hasNext(); n++) {
                    Map.Entry<byte[], byte[]> e = it.next();
                    Blackhole.consume(e.getKey(), e.getValue());
                }
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long scanAll(boolean reverse) {
            try (DBIterator it = db.iterator()) {
                long n = 0;
                if (reverse) {
                    for (it.seekToLast(); it.hasPrev(); n++) {
                        Map.Entry<byte[], byte[]> e = it.prev();
                        Blackhole.consume(e.getKey(), e.getValue());
                    }
                } else {
                    for (it.seekToFirst(); it.hasNext(); n++) {
                        Map.Entry<byte[], byte[]> e = it.next();
                        Blackhole.consume(e.getKey(), e.getValue());
                    }
                }
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
            // LevelDB-Java has no flush: the log already holds every write; the memtable is
            // written when it fills or at close
        }

        @Override
        public void close() {
            try {
                db.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
