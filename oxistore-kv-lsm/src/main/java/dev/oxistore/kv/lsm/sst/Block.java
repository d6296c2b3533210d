package dev.oxistore.kv.lsm.sst;

import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.format.InternalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block of sorted entries with prefix-compressed keys, as data and index blocks store them.
 *
 * <pre>
 *   entry*    varint shared | varint unshared | varint value length | key bytes[unshared] | value bytes
 *   restart*  int32 BE offset of an entry whose key is stored whole (shared = 0), every 16 entries
 *   int32 BE  number of restarts
 * </pre>
 * In the file each block is followed by a 5-byte trailer: a type byte (0, uncompressed) and the
 * CRC32C (int32 BE) of the block bytes and the type byte.
 */
public final class Block {

    static final int RESTART_INTERVAL = 16;
    static final int TRAILER = 5;

    public final byte[][] keys;
    public final byte[][] values;

    private Block(byte[][] keys, byte[][] values) {
        this.keys = keys;
        this.values = values;
    }

    public int size() {
        return keys.length;
    }

    /** Decodes block bytes (without trailer). */
    static Block decode(byte[] b, int len) {
        int restarts = Coding.getInt(b, len - 4);
        int end = len - 4 - 4 * restarts;
        if (restarts < 0 || end < 0) {
            throw new IllegalStateException("bad restart count " + restarts);
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        Coding.In in = new Coding.In(b, 0, end);
        byte[] last = new byte[0];
        while (in.hasMore()) {
            int shared = in.varint();
            int unshared = in.varint();
            int vlen = in.varint();
            if (shared > last.length) {
                throw new IllegalStateException("shared prefix " + shared + " longer than the previous key");
            }
            byte[] key = Arrays.copyOf(last, shared + unshared);
            byte[] delta = in.bytes(unshared);
            System.arraycopy(delta, 0, key, shared, unshared);
            keys.add(key);
            values.add(in.bytes(vlen));
            last = key;
        }
        return new Block(keys.toArray(byte[][]::new), values.toArray(byte[][]::new));
    }

    /** Index of the first key {@code >= target} (internal order), or {@link #size()}. */
    public int lowerBound(byte[] target) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (InternalKey.compare(keys[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Builds one block. */
    static final class Builder {
        private final Coding.Out out = new Coding.Out(8192);
        private final List<Integer> restarts = new ArrayList<>();
        private byte[] last = new byte[0];
        private int count;

        void add(byte[] key, byte[] value) {
            int shared = 0;
            if (count % RESTART_INTERVAL == 0) {
                restarts.add(out.length());
            } else {
                int max = Math.min(last.length, key.length);
                int mismatch = Arrays.mismatch(last, 0, max, key, 0, max);
                shared = mismatch < 0 ? max : mismatch;
            }
            out.varint(shared).varint(key.length - shared).varint(value.length);
            out.bytes(key, shared, key.length - shared).bytes(value);
            last = key;
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }

        int estimatedSize() {
            return out.length() + 4 * restarts.size() + 4;
        }

        /** The finished block bytes followed by the trailer; resets the builder. */
        byte[] finishWithTrailer() {
            for (int r : restarts) {
                out.fixedInt(r);
            }
            out.fixedInt(restarts.size());
            out.write(0);
            int crc = Coding.crc(out.buffer(), 0, out.length());
            out.fixedInt(crc);
            byte[] bytes = out.toByteArray();
            out.reset();
            restarts.clear();
            last = new byte[0];
            count = 0;
            return bytes;
        }
    }
}
