package dev.oxistore.bench.driver;

import dev.oxistore.kv.Durability;
import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through its JNI binding, set up as the RocksDB wiki's "Setup Options and Basic Tuning"
 * recommends: leveled compaction with dynamic level sizes, background jobs sized to the cores,
 * a 10-bit Bloom filter, a 64 MiB LRU block cache holding index and filter blocks, and
 * {@code bytes_per_sync} of 1 MiB. Durability: {@code SYNC} is {@code WriteOptions.sync=true};
 * {@code FLUSH} writes the WAL without fsync (db_bench's default); {@code NONE} also skips the WAL.
 */
final class RocksDbPeer extends FixedPeer {

    RocksDbPeer() {
        super("rocksdb", Kind.ORDERED_ON_DISK);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) throws RocksDBException {
        RocksDB.loadLibrary();
        LRUCache cache = new LRUCache(64L << 20);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(new BloomFilter(10, false))
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setFormatVersion(5);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                .setLevelCompactionDynamicLevelBytes(true)
                .setMaxBackgroundJobs(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setBytesPerSync(1 << 20);
        WriteOptions write = new WriteOptions()
                .setSync(config.durability() == Durability.SYNC)
                .setDisableWAL(config.durability() == Durability.NONE);
        RocksDB db = RocksDB.open(options, dir.toString());
        return new RocksDriver(db, options, write, new ReadOptions(), cache);
    }

    private record RocksDriver(RocksDB db, Options options, WriteOptions write, ReadOptions read, LRUCache cache)
            implements Driver {

        @Override
        public void put(byte[] key, byte[] value) {
            try {
                db.put(write, key, value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] get(byte[] key) {
            try {
                return db.get(read, key);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void delete(byte[] key) {
            try {
                db.delete(write, key);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int seek(byte[] from, int count) {
            try (RocksIterator it = db.newIterator(read)) {
                int n = 0;
                for (it.seek(from); n < count && it.isValid(); it.next()) {
                    Blackhole.consume(it.key(), it.value());
                    n++;
                }
                return n;
            }
        }

        @Override
        public long scanAll(boolean reverse) {
            try (RocksIterator it = db.newIterator(read)) {
                long n = 0;
                if (reverse) {
                    for (it.seekToLast(); it.isValid(); it.prev()) {
                        Blackhole.consume(it.key(), it.value());
                        n++;
                    }
                } else {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        Blackhole.consume(it.key(), it.value());
                        n++;
                    }
                }
                return n;
            }
        }

        @Override
        public void flush() {
            try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
                db.flush(f);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            db.close();
            options.close();
            write.close();
            read.close();
            cache.close();
        }
    }
}
