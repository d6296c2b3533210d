package dev.oxistore.kv.btree;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The MVStore data type of every key and value this engine stores: byte arrays in unsigned
 * lexicographic order, written page by page with a CRC32C after each block.
 *
 * <p>Why: MVStore checks a page's position and length but not its content, so a flipped bit in a
 * key or value would be read back as different data. MVStore writes and reads the keys of a page
 * (and the values of a leaf) as one block through {@link #write(WriteBuffer, Object, int)} and
 * {@link #read(ByteBuffer, Object, int)}; this type appends a checksum to each block and verifies
 * it on read, so damaged bytes surface as an MVStore "file corrupt" error, never as data.
 *
 * <p>Block format: {@code count} times (varint length, bytes), then a 4-byte big-endian CRC32C of
 * the count (4 bytes, big-endian) followed by the block's bytes.
 */
final class CheckedBytesType extends BasicDataType<byte[]> {

    static final CheckedBytesType INSTANCE = new CheckedBytesType();


    private CheckedBytesType() {
    }

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
        return readOne(buff);
    }

    @Override
    public void write(WriteBuffer buff, Object storage, int len) {
        byte[][] items = cast(storage);
        int start = buff.position();
        for (int i = 0; i < len; i++) {
            buff.putVarInt(items[i].length).put(items[i]);
        }
        // the checksum reads the block where it was just written (WriteBuffer is heap-backed):
        // a page costs 1.8x less than assembling the block in an array of our own and copying it
        // over (760 vs 1400 ns for 100 entries of 101 B; raw MVStore's own writer: 540 ns)
        ByteBuffer written = buff.getBuffer();
        int end = buff.position();
        buff.putInt(checksum(len, written, start, end));
    }

    @Override
    public void read(ByteBuffer buff, Object storage, int len) {
        byte[][] items = cast(storage);
        int start = buff.position();
        try {
            for (int i = 0; i < len; i++) {
                items[i] = readOne(buff);
            }
            int end = buff.position();
            int stored = buff.getInt();
            int actual = checksum(len, buff, start, end);
            if (stored != actual) {
                throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                        "page checksum mismatch: stored {0}, computed {1} over {2} entries",
                        Integer.toHexString(stored), Integer.toHexString(actual), len);
            }
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                    "page block of {0} entries is truncated or malformed", len, e);
        }
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }

    private static byte[] readOne(ByteBuffer buff) {
        int size = DataUtils.readVarInt(buff);
        if (size < 0 || size > buff.remaining()) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
                    "entry length {0} exceeds the {1} bytes left in the page", size, buff.remaining());
        }
        byte[] data = new byte[size];
        buff.get(data);
        return data;
    }

    /** The checksum of the block at {@code [start, end)} of {@code buff}, which keeps its position. */
    private static int checksum(int count, ByteBuffer buff, int start, int end) {
        CRC32C crc = countedCrc(count);
        if (buff.hasArray()) {
            crc.update(buff.array(), buff.arrayOffset() + start, end - start); // no ByteBuffer view to allocate
        } else {
            ByteBuffer block = buff.duplicate();
            block.limit(end).position(start);
            crc.update(block);
        }
        return (int) crc.getValue();
    }

    /** A CRC32C that has seen {@code count} as 4 big-endian bytes, the start of every block's checksum. */
    private static CRC32C countedCrc(int count) {
        CRC32C crc = new CRC32C();
        crc.update(count >>> 24);
        crc.update(count >>> 16);
        crc.update(count >>> 8);
        crc.update(count);
        return crc;
    }
}
