package dev.oxistore.kv.lsm.log;

import dev.oxistore.kv.CorruptionException;
import dev.oxistore.kv.lsm.format.Coding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The record framing shared by the write-ahead log and the manifest:
 *
 * <pre>
 *   int32 BE length | int32 BE CRC32C(length bytes) | int32 BE CRC32C(payload) | payload
 * </pre>
 * The header checks itself, so a damaged length is told apart from a record cut short. Reading
 * a log a crash may have cut, a tail is torn (an interrupted append, never acknowledged) only
 * when it looks like one: the file ends inside the record (fewer than 12 bytes left, or a
 * declared length running past the end of the file), or every byte from the record's start to
 * the end is zero (a region the file was extended by but never written). A record whose whole
 * declared length is present and whose checksum fails is a {@link CorruptionException} naming the
 * file and offset even when it is the last one: a kill leaves a prefix of what was written, not
 * different bytes, while a record fsynced and acknowledged can rot. Logs that must be complete
 * (not the newest) treat a torn tail as corruption too.
 */
public final class LogFormat {

    public static final int HEADER = 12;

    private LogFormat() {
    }

    public static byte[] frame(byte[] payload, int len) {
        byte[] r = new byte[HEADER + len];
        Coding.putInt(r, 0, len);
        Coding.putInt(r, 4, Coding.crc(r, 0, 4));
        Coding.putInt(r, 8, Coding.crc(payload, 0, len));
        System.arraycopy(payload, 0, r, HEADER, len);
        return r;
    }

    public static void writeFully(FileChannel ch, byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * What reading a log found.
     *
     * @param records  the payloads of the good records, in order
     * @param validEnd the offset after the last good record
     * @param torn     a description of the torn tail after {@code validEnd}, or null
     */
    public record Contents(List<byte[]> records, long validEnd, String torn) {
    }

    public static Contents read(Path path, boolean mayBeTorn) throws IOException {
        byte[] b = Files.readAllBytes(path);
        List<byte[]> records = new ArrayList<>();
        int pos = 0;
        while (pos < b.length) {
            String torn = null;
            int remaining = b.length - pos;
            if (remaining < HEADER) {
                torn = "a record header cut short (" + remaining + " bytes)";
            } else if (allZero(b, pos)) {
                torn = "a zero-filled tail of " + remaining + " bytes";
            } else {
                int len = Coding.getInt(b, pos);
                if (Coding.crc(b, pos, 4) != Coding.getInt(b, pos + 4) || len < 0) {
                    throw corrupt(path, pos, "record header checksum mismatch");
                }
                if (len > remaining - HEADER) {
                    torn = "a record of " + len + " bytes cut short at " + (remaining - HEADER);
                } else if (Coding.crc(b, pos + HEADER, len) != Coding.getInt(b, pos + 8)) {
                    // complete, yet different from what was written: corruption even as the last record
                    throw corrupt(path, pos, "record checksum mismatch" + (pos + HEADER + len == b.length
                            ? " in the last record (it is complete, so not a write cut short)" : ""));
                } else {
                    records.add(java.util.Arrays.copyOfRange(b, pos + HEADER, pos + HEADER + len));
                    pos += HEADER + len;
                    continue;
                }
            }
            if (!mayBeTorn) {
                throw corrupt(path, pos, torn + " in a log that must be complete");
            }
            return new Contents(records, pos, torn);
        }
        return new Contents(records, pos, null);
    }

    private static boolean allZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public static CorruptionException corrupt(Path path, long offset, String what) {
        return new CorruptionException(path + " at offset " + offset + ": " + what
                + "; the data after it cannot be trusted: restore from a backup");
    }
}
