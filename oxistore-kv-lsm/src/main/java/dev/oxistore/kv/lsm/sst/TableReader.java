package dev.oxistore.kv.lsm.sst;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.lsm.StoreFiles;
import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.format.InternalKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open SSTable. File format (version {@value #FORMAT_VERSION}):
 *
 * <pre>
 *   data block*   sorted internal keys and values ({@link Block}), each with its 5-byte trailer
 *   filter block  the {@link BloomFilter} of the table's user keys, with a trailer
 *   index block   a {@link Block} whose keys are the last key of each data block and whose
 *                 values are varlong offset | varint size of that block, with a trailer
 *   footer        48 bytes: int64 filter offset | int32 filter size | int64 index offset |
 *                 int32 index size | int64 entry count | int32 format version |
 *                 int32 CRC32C of the preceding 36 bytes | int64 magic {@value #MAGIC_HEX}
 * </pre>
 * Every block is checked against its CRC when read; a mismatch is a {@link CorruptionException}
 * naming the file and offset. The filter and index stay in memory while the table is open; data
 * blocks are read with positional reads, so one open table serves any number of threads.
 * The table is reference-counted by the versions that list it and closed (and, once obsolete,
 * deleted) when the last one lets go.
 */
public final class TableReader {

    static final int FORMAT_VERSION = 1;
    static final long MAGIC = 0x4F5853544C534D31L; // "OXSTLSM1"
    static final String MAGIC_HEX = "0x4F5853544C534D31";
    static final int FOOTER = 48;

    public final TableMeta meta;
    private final Path path;
    private final FileChannel channel;
    private final byte[] filter;
    private final byte[][] indexKeys;
    private final long[] offsets;
    private final int[] sizes;
    private final long entries;
    private final AtomicInteger refs = new AtomicInteger();
    private final StoreFiles files;

    private TableReader(TableMeta meta, Path path, FileChannel channel, byte[] filter, Block index, long entries,
                        StoreFiles files) {
        this.meta = meta;
        this.path = path;
        this.channel = channel;
        this.filter = filter;
        this.entries = entries;
        this.files = files;
        int n = index.size();
        this.indexKeys = index.keys;
        this.offsets = new long[n];
        this.sizes = new int[n];
        for (int i = 0; i < n; i++) {
            Coding.In in = new Coding.In(index.values[i]);
            offsets[i] = in.varlong();
            sizes[i] = in.varint();
        }
    }

    static byte[] footer(long filterOffset, int filterSize, long indexOffset, int indexSize, long entries) {
        byte[] f = new byte[FOOTER];
        Coding.putLong(f, 0, filterOffset);
        Coding.putInt(f, 8, filterSize);
        Coding.putLong(f, 12, indexOffset);
        Coding.putInt(f, 20, indexSize);
        Coding.putLong(f, 24, entries);
        Coding.putInt(f, 32, FORMAT_VERSION);
        Coding.putInt(f, 36, Coding.crc(f, 0, 36));
        Coding.putLong(f, 40, MAGIC);
        return f;
    }

    /** Opens table {@code meta.number()} of {@code files}, verifying its footer, filter and index. */
    public static TableReader open(StoreFiles files, TableMeta meta) {
        Path path = files.dir().resolve(StoreFiles.tableName(meta.number()));
        FileChannel ch = null;
        try {
            ch = files.io().open(path, StandardOpenOption.READ);
            long size = ch.size();
            if (size < FOOTER) {
                throw corrupt(path, 0, "file of " + size + " bytes is shorter than a table footer");
            }
            byte[] f = read(ch, path, size - FOOTER, FOOTER);
            if (Coding.getLong(f, 40) != MAGIC) {
                throw corrupt(path, size - 8, "bad magic number: not an OxiStore LSM table");
            }
            if (Coding.crc(f, 0, 36) != Coding.getInt(f, 36)) {
                throw corrupt(path, size - FOOTER, "footer checksum mismatch");
            }
            int version = Coding.getInt(f, 32);
            if (version != FORMAT_VERSION) {
                throw corrupt(path, size - FOOTER + 32, "table format version " + version
                        + " is not supported (this engine reads version " + FORMAT_VERSION + "): open it with a matching OxiStore version");
            }
            long filterOffset = Coding.getLong(f, 0);
            int filterSize = Coding.getInt(f, 8);
            long indexOffset = Coding.getLong(f, 12);
            int indexSize = Coding.getInt(f, 20);
            if (filterOffset < 0 || indexOffset < filterOffset || indexOffset + indexSize + Block.TRAILER > size - FOOTER) {
                throw corrupt(path, size - FOOTER, "footer points outside the file");
            }
            byte[] filter = checkedBlock(ch, path, filterOffset, filterSize);
            byte[] idx = checkedBlock(ch, path, indexOffset, indexSize);
            Block index;
            try {
                index = Block.decode(idx, indexSize);
            } catch (RuntimeException e) {
                throw corrupt(path, indexOffset, "malformed index block (" + e.getMessage() + ")");
            }
            TableReader t = new TableReader(meta, path, ch, java.util.Arrays.copyOf(filter, filterSize), index,
                    Coding.getLong(f, 24), files);
            ch = null;
            return t;
        } catch (java.nio.file.NoSuchFileException e) {
            // the manifest names it, so it was durable before that edit: someone removed it
            throw corrupt(path, 0, "the table the manifest names is missing");
        } catch (IOException e) {
            throw files.ioError("open table " + path, e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    static CorruptionException corrupt(Path path, long offset, String what) {
        return new CorruptionException("table " + path + " at offset " + offset + ": " + what
                + "; restore from a backup, or remove the store if its data is expendable");
    }

    private static byte[] read(FileChannel ch, Path path, long offset, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        while (b.hasRemaining()) {
            int n = ch.read(b, offset + b.position());
            if (n < 0) {
                throw corrupt(path, offset, "unexpected end of file reading " + len + " bytes");
            }
        }
        return b.array();
    }

    /** Reads block bytes and their trailer, checks the CRC, returns the bytes (trailer included). */
    private static byte[] checkedBlock(FileChannel ch, Path path, long offset, int size) throws IOException {
        if (size < 0) {
            throw corrupt(path, offset, "negative block size");
        }
        byte[] b = read(ch, path, offset, size + Block.TRAILER);
        if (Coding.crc(b, 0, size + 1) != Coding.getInt(b, size + 1)) {
            throw corrupt(path, offset, "block checksum mismatch");
        }
        return b;
    }

    public long number() {
        return meta.number();
    }

    long entries() {
        return entries;
    }

    public boolean mayContain(long ukeyHash) {
        return BloomFilter.mayContain(filter, ukeyHash);
    }

    public int blockCount() {
        return indexKeys.length;
    }

    /** The first block whose last key is {@code >= target}, or {@link #blockCount()}. */
    public int findBlock(byte[] target) {
        int lo = 0;
        int hi = indexKeys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(indexKeys[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Reads and decodes data block {@code i}, checking its CRC. */
    public Block block(int i) {
        byte[] b = rawBlock(i);
        try {
            return Block.decode(b, sizes[i]);
        } catch (RuntimeException e) {
            throw corrupt(path, offsets[i], "malformed data block (" + e.getMessage() + ")");
        }
    }

    /** A forward cursor over data block {@code i}, read and checked but not decoded. */
    public BlockCursor cursor(int i) {
        byte[] b = rawBlock(i);
        try {
            return new BlockCursor(b, sizes[i]);
        } catch (RuntimeException e) {
            throw corrupt(path, offsets[i], "malformed data block (" + e.getMessage() + ")");
        }
    }

    private byte[] rawBlock(int i) {
        try {
            return checkedBlock(channel, path, offsets[i], sizes[i]);
        } catch (IOException e) {
            throw files.ioError("read table " + path, e);
        }
    }

    /** Reads every block and checks order; returns the entries checked. */
    public long verify(List<String> problems) {
        long n = 0;
        byte[] previous = null;
        try {
            for (int i = 0; i < blockCount(); i++) {
                Block b = block(i);
                for (int j = 0; j < b.size(); j++) {
                    byte[] k = b.keys[j];
                    if (!InternalKey.isValid(k)) {
                        problems.add("table " + path + " block " + i + " has a malformed key");
                    } else if (previous != null && InternalKey.compare(previous, k) >= 0) {
                        problems.add("table " + path + " block " + i + " keys out of order");
                    }
                    previous = k;
                    n++;
                }
            }
            if (n != entries) {
                problems.add("table " + path + " holds " + n + " entries, its footer says " + entries);
            }
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        return n;
    }

    /** True once the last version listing this table let go of it. */
    public boolean released() {
        return refs.get() <= 0;
    }

    public void ref() {
        refs.incrementAndGet();
    }

    public void unref() {
        if (refs.decrementAndGet() == 0) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a read channel cannot lose data
            }
            files.tableReleased(meta.number());
        }
    }

    /** Closes the file whatever the references (store close). */
    public void forceClose() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read channel cannot lose data
        }
    }

    @Override
    public String toString() {
        return "Table[" + meta.number() + ", " + meta.size() + " B]";
    }
}
