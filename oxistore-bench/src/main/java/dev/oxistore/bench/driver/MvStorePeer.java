package dev.oxistore.bench.driver;

import dev.oxistore.kv.Durability;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Raw H2 MVStore (the library BTREE is built on), one {@link MVMap} of byte arrays in unsigned
 * order, with the same page cache (16 MiB) and page split size (16 KiB) as BTREE's defaults.
 * Durability, mapped onto MVStore's commit policy as BTREE maps it:
 * <ul>
 *   <li>{@code NONE}: MVStore's background auto-commit every 1,000 ms, and at once whenever unsaved
 *       pages pass 64 MiB (BTREE's policy under {@code NONE}); pages are serialized and written on
 *       MVStore's serialization and save threads, as BTREE has them under {@code NONE}. Background
 *       compaction is off ({@code autoCompactFillRate} 0), because BTREE never compacts behind the
 *       writers' back (only {@code compact()} does), so both do the same work;</li>
 *   <li>{@code FLUSH}: {@link MVStore#commit()} after every write (a new version in the OS's buffers);</li>
 *   <li>{@code SYNC}: {@code commit()} then {@link MVStore#sync()} (fsync) after every write.</li>
 * </ul>
 */
final class MvStorePeer extends FixedPeer {

    static final int CACHE_MB = 16;
    static final int PAGE_SPLIT_BYTES = 16 * 1024;
    /**
     * Under NONE, unsaved pages that trigger a commit at once: BTREE's threshold (64 MiB), not
     * MVStore's default (1 MiB), so both commit equally often and the ratio measures the layer.
     */
    static final int BUFFER_KB = 64 * 1024;

    MvStorePeer() {
        super("mvstore", Kind.ORDERED_ON_DISK);
    }

    @Override
    public Driver open(Path dir, DriverConfig config) {
        MVStore.Builder b = new MVStore.Builder().fileName(dir.resolve("store.mv").toString())
                .cacheSize(CACHE_MB).pageSplitSize(PAGE_SPLIT_BYTES);
        if (config.durability() == Durability.NONE) {
            b.autoCommitBufferSize(BUFFER_KB).autoCompactFillRate(0);
        } else {
            b.autoCommitDisabled();
        }
        MVStore store = b.open();
        if (config.durability() == Durability.NONE) {
            store.setAutoCommitDelay(1000); // MVStore's default, stated: BTREE's btree.autoCommitDelayMs default
        }
        MVMap<byte[], byte[]> map = store.openMap("bench",
                new MVMap.Builder<byte[], byte[]>().keyType(BytesType.INSTANCE).valueType(BytesType.INSTANCE));
        return new MvDriver(store, map, config.durability());
    }

    private record MvDriver(MVStore store, MVMap<byte[], byte[]> map, Durability durability) implements Driver {

        @Override
        public void put(byte[] key, byte[] value) {
            map.put(key, value);
            commit();
        }

        @Override
        public byte[] get(byte[] key) {
            return map.get(key);
        }

        @Override
        public void delete(byte[] key) {
            map.remove(key);
            commit();
        }

        private void commit() {
            if (durability != Durability.NONE) {
                store.commit();
                if (durability == Durability.SYNC) {
                    store.sync();
                }
            }
        }

        @Override
        public int seek(byte[] from, int count) {
            Cursor<byte[], byte[]> c = map.cursor(from);
            int n = 0;
            while (n < count && c.hasNext()) {
                byte[] k = c.next();
                Blackhole.consume(k, c.getValue());
                n++;
            }
            return n;
        }

        @Override
        public long scanAll(boolean reverse) {
            Cursor<byte[], byte[]> c = reverse ? map.cursor(map.lastKey(), null, true) : map.cursor(null);
            long n = 0;
            while (c.hasNext()) {
                byte[] k = c.next();
                Blackhole.consume(k, c.getValue());
                n++;
            }
            return n;
        }

        @Override
        public void flush() {
            store.commit();
            store.sync();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** Byte arrays in unsigned lexicographic order, as varint length and bytes. */
    static final class BytesType extends BasicDataType<byte[]> {

        static final BytesType INSTANCE = new BytesType();

        @Override
        public int compare(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }

        @Override
        public int getMemory(byte[] data) {
            return data.length + 16;
        }

        @Override
        public void write(WriteBuffer buff, byte[] data) {
            buff.putVarInt(data.length).put(data);
        }

        @Override
        public byte[] read(ByteBuffer buff) {
            byte[] b = new byte[DataUtils.readVarInt(buff)];
            buff.get(b);
            return b;
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    }
}
