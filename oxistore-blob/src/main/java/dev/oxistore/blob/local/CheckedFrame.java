package dev.oxistore.blob.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The framing of the store's metadata files ({@link Meta}, {@link UploadMeta}): 8 magic bytes, a
 * body written by {@link DataOutputStream} (big-endian), then the CRC32C of everything before it
 * (int). Also the user-metadata map both bodies hold: the number of entries (int), then each name
 * and value (UTF), in name order.
 */
final class CheckedFrame {

    /** Writes a frame's body. */
    @FunctionalInterface
    interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    private CheckedFrame() {
    }

    /** The frame of {@code magic} and the body {@code body} writes. */
    static byte[] encode(byte[] magic, int sizeHint, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(magic);
            body.writeTo(out);
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /**
     * The body of the frame {@code raw}, after checking its magic and checksum.
     *
     * @param corrupt the error to raise, given the reason ("it does not start with the format-1
     *                magic" or "its checksum does not match")
     */
    static DataInputStream body(byte[] raw, byte[] magic, Function<String, RuntimeException> corrupt) {
        if (raw.length < magic.length + 4 || !Arrays.equals(raw, 0, magic.length, magic, 0, magic.length)) {
            throw corrupt.apply("it does not start with the format-1 magic");
        }
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, raw.length - 4);
        int stored = ((raw[raw.length - 4] & 0xFF) << 24) | ((raw[raw.length - 3] & 0xFF) << 16)
                | ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw corrupt.apply("its checksum does not match");
        }
        return new DataInputStream(new ByteArrayInputStream(raw, magic.length, raw.length - magic.length - 4));
    }

    /** Writes user metadata in name order. */
    static void writeUserMetadata(DataOutputStream out, Map<String, String> metadata) throws IOException {
        Map<String, String> sorted = new TreeMap<>(metadata);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    /** Reads user metadata written by {@link #writeUserMetadata}. */
    static Map<String, String> readUserMetadata(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> user = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            user.put(in.readUTF(), in.readUTF());
        }
        return user;
    }
}
