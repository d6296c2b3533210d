package dev.oxistore.kv.lsm.sst;

import dev.oxistore.kv.lsm.format.Coding;
import dev.oxistore.kv.lsm.format.InternalKey;
import java.util.Arrays;

/**
 * A forward cursor over the bytes of one {@link Block}, decoding only the entries it passes: a
 * seek binary-searches the restart points (whose keys are stored whole) and then scans at most
 * one restart interval, so a point read costs a few dozen bytes of decoding instead of the whole
 * block. Keys are fresh arrays (callers may keep them); values are copied on request.
 */
public final class BlockCursor {

    private static final byte[] EMPTY = new byte[0];

    private final byte[] b;
    private final int restarts;
    private final int restartBase;
    private int next;
    private int p;
    private byte[] key = EMPTY;
    private int valueOff;
    private int valueLen;
    private boolean valid;

    BlockCursor(byte[] b, int len) {
        this.b = b;
        this.restarts = Coding.getInt(b, len - 4);
        this.restartBase = len - 4 - 4 * restarts;
        if (restarts < 0 || restartBase < 0) {
            throw new IllegalStateException("bad restart count " + restarts);
        }
    }

    public boolean valid() {
        return valid;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return Arrays.copyOfRange(b, valueOff, valueOff + valueLen);
    }

    public void seekToFirst() {
        next = 0;
        key = EMPTY;
        advance();
    }

    /** Positions at the first entry whose key is {@code >= target}. */
    public void seek(byte[] target) {
        if (restarts == 0) {
            valid = false;
            return;
        }
        int lo = 0;
        int hi = restarts - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (InternalKey.compare(keyAtRestart(mid), target) < 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        next = restartOffset(lo);
        key = EMPTY;
        advance();
        while (valid && InternalKey.compare(key, target) < 0) {
            advance();
        }
    }

    public void advance() {
        if (next >= restartBase) {
            valid = false;
            return;
        }
        p = next;
        int shared = varint();
        int unshared = varint();
        int vlen = varint();
        byte[] k = Arrays.copyOf(key, shared + unshared);
        System.arraycopy(b, p, k, shared, unshared);
        key = k;
        valueOff = p + unshared;
        valueLen = vlen;
        next = valueOff + vlen;
        valid = true;
    }

    private int restartOffset(int i) {
        return Coding.getInt(b, restartBase + 4 * i);
    }

    private byte[] keyAtRestart(int i) {
        p = restartOffset(i);
        varint(); // shared: 0 at a restart point
        int unshared = varint();
        varint();
        return Arrays.copyOfRange(b, p, p + unshared);
    }

    private int varint() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int x = b[p++];
            v |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("malformed varint in a block");
    }
}
