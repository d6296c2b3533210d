package dev.oxistore.kv.hlog.checkpoint;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.hlog.log.LogDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The log written since the newest fsynced checkpoint (the <em>anchor</em>), checksummed as it
 * grows. A checkpoint that is only written to the OS ({@code Durability.FLUSH}) is complete after a
 * kill -9 (the OS has every byte) but after a power loss any part of it may be missing: its meta
 * and index files carry their own checksums, and this one covers the log bytes it relies on that no
 * fsync covers, {@code [anchor's finalAddress, its finalAddress)}. Recovery recomputes it (the
 * same code, {@link #extend}) and skips the checkpoint on a mismatch, falling back at worst to the
 * anchor, which pruning keeps until a newer fsynced checkpoint exists. Bytes below the anchor's
 * final address were fsynced and are never written again (the log only appends above the
 * recovered final address).
 *
 * <p>Not thread-safe: used under the checkpoint lock, or by recovery alone.
 */
public final class UnsyncedLog {

    private static final int CHUNK = 1 << 16;

    private long anchorVersion; // 0: no fsynced checkpoint yet
    private long anchorAddress;
    private long until;         // crc covers [anchorAddress, until)
    private CRC32C crc;         // null when a failed read left it undefined
    private ByteBuffer buffer;

    private UnsyncedLog(long anchorVersion, long anchorAddress) {
        anchor(anchorVersion, anchorAddress);
    }

    /** Nothing written since checkpoint {@code version} (0: none), whose log ends at {@code address}. */
    public static UnsyncedLog anchoredAt(long version, long address) {
        return new UnsyncedLog(version, address);
    }

    /**
     * Checks that the log {@code meta} relies on is what it was when {@code meta} was written and
     * returns the state to continue from after recovering it.
     *
     * @throws CorruptionException when the unsynced part of the log differs (lost in a power loss)
     */
    public static UnsyncedLog verify(CheckpointMeta meta, LogDevice device) {
        UnsyncedLog log = anchoredAt(meta.syncedVersion(), meta.syncedAddress());
        try {
            if (log.extend(device, meta.finalAddress()) == meta.logCrc()) {
                return log;
            }
        } catch (IOException e) {
            throw new CorruptionException("cannot read the log of checkpoint " + meta.version() + ": " + e.getMessage(), e);
        }
        throw new CorruptionException("the log written after checkpoint " + meta.syncedVersion() + " fails checkpoint "
                + meta.version() + "'s checksum (not fsynced, lost in a crash of the machine)");
    }

    /** Checkpoint {@code version}, whose log ends at {@code address}, is fsynced: start over from it. */
    public void anchor(long version, long address) {
        anchorVersion = version;
        anchorAddress = address;
        until = address;
        crc = new CRC32C();
    }

    /** The newest fsynced checkpoint (0: none). */
    public long anchorVersion() {
        return anchorVersion;
    }

    /** Where the anchor's log ends: everything below is fsynced. */
    public long anchorAddress() {
        return anchorAddress;
    }

    /** False when a failed read left the checksum undefined: the next checkpoint must be fsynced. */
    public boolean intact() {
        return crc != null;
    }

    /**
     * Adds the log bytes {@code [until, to)} (written to {@code device}) to the checksum and returns
     * the CRC32C of {@code [anchorAddress, to)}.
     */
    public long extend(LogDevice device, long to) throws IOException {
        if (crc == null) {
            throw new IllegalStateException("the unsynced log's checksum is undefined: take an fsynced checkpoint");
        }
        CRC32C c = crc;
        crc = null; // undefined until the whole range is in
        if (buffer == null && to > until) {
            buffer = ByteBuffer.allocate(CHUNK);
        }
        for (long pos = until; pos < to; ) {
            int n = (int) Math.min(CHUNK, to - pos);
            buffer.clear().limit(n);
            device.read(pos, buffer);
            c.update(buffer.flip());
            pos += n;
        }
        crc = c;
        until = Math.max(until, to);
        return c.getValue();
    }
}
