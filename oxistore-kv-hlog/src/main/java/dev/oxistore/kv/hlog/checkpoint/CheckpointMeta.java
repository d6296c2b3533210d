package dev.oxistore.kv.hlog.checkpoint;

import dev.oxistore.kv.CorruptionException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What a completed CPR checkpoint needs for recovery. On disk ({@code ckpt-<version>.meta},
 * big-endian):
 *
 * <pre>
 * magic "OXHLCKPT" | format int (2) | version long | pageBits int | indexBuckets long
 * | indexOverflow long | indexBytes long | indexCrc long | indexStart long | finalAddress long
 * | syncedVersion long | syncedAddress long | logCrc long
 * | sessions int | sessions × (name UTF | serial long) | crc32c long (of everything before it)
 * </pre>
 *
 * A checkpoint is either fsynced ({@code syncedVersion == version}) or only written to the OS
 * ({@code Durability.FLUSH}): then it names the newest fsynced checkpoint before it and the CRC32C
 * of the log it relies on that no fsync covers, {@code [syncedAddress, finalAddress)}, so recovery
 * can tell whether that log survived (see {@link UnsyncedLog}). Format 1 (without the three words)
 * is read as fsynced.
 *
 * @param version the committed version: records of later versions are rolled back
 * @param pageBits the log's page size
 * @param indexBuckets main buckets of the index file
 * @param indexOverflow overflow buckets in the index file
 * @param indexBytes size of the index file
 * @param indexCrc CRC32C of the index file
 * @param indexStart log tail before the index was copied: replay starts here
 * @param finalAddress log tail once every session had moved past {@code version}: replay ends here
 * @param syncedVersion the newest fsynced checkpoint at or before this one ({@code version} when this
 *                      one is fsynced; 0 when there is none)
 * @param syncedAddress the log below it is fsynced ({@code finalAddress} when this one is fsynced)
 * @param logCrc CRC32C of the log bytes {@code [syncedAddress, finalAddress)} (0 when empty)
 * @param sessions each session's name and the serial number up to which it is durable
 */
public record CheckpointMeta(long version, int pageBits, long indexBuckets, long indexOverflow, long indexBytes,
                             long indexCrc, long indexStart, long finalAddress, long syncedVersion, long syncedAddress,
                             long logCrc, Map<String, Long> sessions) {

    private static final long MAGIC = 0x4F58484C434B5054L; // "OXHLCKPT"
    private static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_SYNC = 1;

    /** Copies the session map. */
    public CheckpointMeta {
        sessions = Map.copyOf(sessions);
    }

    /** True when this checkpoint was fsynced (it survives a power loss on its own). */
    public boolean fsynced() {
        return syncedVersion == version;
    }

    /** The bytes of the meta file. */
    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(version);
            out.writeInt(pageBits);
            out.writeLong(indexBuckets);
            out.writeLong(indexOverflow);
            out.writeLong(indexBytes);
            out.writeLong(indexCrc);
            out.writeLong(indexStart);
            out.writeLong(finalAddress);
            out.writeLong(syncedVersion);
            out.writeLong(syncedAddress);
            out.writeLong(logCrc);
            out.writeInt(sessions.size());
            for (Map.Entry<String, Long> e : sessions.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and verifies a meta file.
     *
     * @throws CorruptionException when the magic, format or checksum is wrong or the file is short
     */
    public static CheckpointMeta decode(byte[] data, String where) {
        if (data.length < 8 + 8) {
            throw new CorruptionException("checkpoint metadata " + where + " is truncated (" + data.length + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 8);
        long stored = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new CorruptionException("checkpoint metadata " + where + " fails its checksum");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 0, data.length - 8))) {
            if (in.readLong() != MAGIC) {
                throw new CorruptionException("checkpoint metadata " + where + " has a wrong magic number");
            }
            int format = in.readInt();
            if (format != FORMAT && format != FORMAT_WITHOUT_SYNC) {
                throw new CorruptionException("checkpoint metadata " + where + " has format " + format
                        + ", this version reads formats 1 and " + FORMAT + ": open it with the release that wrote it");
            }
            long version = in.readLong();
            int pageBits = in.readInt();
            long buckets = in.readLong();
            long overflow = in.readLong();
            long indexBytes = in.readLong();
            long indexCrc = in.readLong();
            long start = in.readLong();
            long fin = in.readLong();
            boolean withSync = format != FORMAT_WITHOUT_SYNC;
            long syncedVersion = withSync ? in.readLong() : version;
            long syncedAddress = withSync ? in.readLong() : fin;
            long logCrc = withSync ? in.readLong() : 0;
            int n = in.readInt();
            Map<String, Long> sessions = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                sessions.put(in.readUTF(), in.readLong());
            }
            return new CheckpointMeta(version, pageBits, buckets, overflow, indexBytes, indexCrc, start, fin, syncedVersion,
                    syncedAddress, logCrc, sessions);
        } catch (IOException e) {
            throw new CorruptionException("checkpoint metadata " + where + " is malformed: " + e.getMessage(), e);
        }
    }
}
