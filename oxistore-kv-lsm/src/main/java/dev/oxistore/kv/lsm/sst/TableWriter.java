package dev.oxistore.kv.lsm.sst;

import dev.oxistore.kv.lsm.FileIo;
import dev.oxistore.kv.lsm.LsmOptions;
import dev.oxistore.kv.lsm.StoreFiles;
import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.format.InternalKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes one SSTable (format in {@link TableReader}) to {@code <number>.sst.tmp}; {@link #finish}
 * fsyncs it and renames it to {@code <number>.sst}, so a table file either exists whole or not
 * at all. Entries must come in internal-key order.
 */
public final class TableWriter implements AutoCloseable {

    private final FileIo io;
    private final Path dir;
    private final long number;
    private final int blockSize;
    private final int bloomBits;
    private final Path tmp;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
    private final Block.Builder data = new Block.Builder();
    private final Block.Builder index = new Block.Builder();
    private long[] hashes = new long[1024];
    private int hashCount;
    private long offset;
    private long entries;
    private byte[] smallest;
    private byte[] lastKey;
    private boolean done;

    public TableWriter(FileIo io, Path dir, long number, LsmOptions options) throws IOException {
        this.io = io;
        this.dir = dir;
        this.number = number;
        this.blockSize = options.blockSize();
        this.bloomBits = options.bloomBitsPerKey();
        this.tmp = dir.resolve(StoreFiles.tableName(number) + ".tmp");
        this.channel = io.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    long number() {
        return number;
    }

    public void add(byte[] ikey, byte[] value) throws IOException {
        if (smallest == null) {
            smallest = ikey;
        }
        if (lastKey == null || !InternalKey.sameUkey(lastKey, ikey)) {
            if (hashCount == hashes.length) {
                hashes = Arrays.copyOf(hashes, hashCount * 2);
            }
            hashes[hashCount++] = BloomFilter.hash(ikey, InternalKey.ukeyLength(ikey));
        }
        data.add(ikey, value);
        lastKey = ikey;
        entries++;
        if (data.estimatedSize() >= blockSize) {
            flushBlock();
        }
    }

    /** Bytes written so far (what a compaction compares with the target file size). */
    public long estimatedSize() {
        return offset + data.estimatedSize();
    }

    private void flushBlock() throws IOException {
        if (data.isEmpty()) {
            return;
        }
        byte[] block = data.finishWithTrailer();
        int size = block.length - Block.TRAILER;
        index.add(lastKey, new Coding.Out(16).varlong(offset).varint(size).toByteArray());
        write(block);
    }

    private void write(byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = Math.min(buffer.remaining(), b.length - off);
            buffer.put(b, off, n);
            off += n;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }
        offset += b.length;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Writes the filter, index and footer, runs {@code beforeSync} (a test pause point), fsyncs,
     * and renames the table into place.
     *
     * @return the finished table's metadata
     */
    public TableMeta finish(Runnable beforeSync) throws IOException {
        flushBlock();
        byte[] filter = BloomFilter.build(hashes, hashCount, bloomBits);
        long filterOffset = offset;
        Coding.Out f = new Coding.Out(filter.length + Block.TRAILER);
        f.bytes(filter).write(0);
        f.fixedInt(Coding.crc(f.buffer(), 0, f.length()));
        write(f.toByteArray());
        long indexOffset = offset;
        byte[] idx = index.finishWithTrailer();
        write(idx);
        byte[] footer = TableReader.footer(filterOffset, filter.length, indexOffset, idx.length - Block.TRAILER, entries);
        write(footer);
        drain();
        beforeSync.run();
        channel.force(true);
        channel.close();
        done = true;
        Path target = dir.resolve(StoreFiles.tableName(number));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        io.syncDirectory(dir);
        return new TableMeta(number, offset, smallest, lastKey, entries);
    }

    /** Abandons an unfinished table and deletes its temporary file. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // an orphan .tmp is removed at the next open
            }
        }
    }
}
