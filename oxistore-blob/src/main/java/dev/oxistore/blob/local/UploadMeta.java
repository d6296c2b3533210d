package dev.oxistore.blob.local;

import dev.oxistore.blob.Precondition;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.kv.CorruptionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The file {@code uploads/<id>/upload.meta} of a multipart upload in progress. Format 1: the 8
 * ASCII bytes {@code OXBLOBU1}; key, content type (UTF); the number of user metadata entries (int)
 * and each name and value (UTF); the precondition (byte 0 none, 1 if absent, 2 if match followed
 * by the ETag as UTF); whether to compute SHA-256 (boolean); when the upload began (epoch
 * millisecond long); the CRC32C of everything before it (int).
 */
record UploadMeta(String key, PutOptions options, Instant started) {

    private static final byte[] MAGIC = {'O', 'X', 'B', 'L', 'O', 'B', 'U', '1'};

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeUTF(key);
            out.writeUTF(options.contentType());
            Map<String, String> sorted = new TreeMap<>(options.userMetadata());
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            switch (options.precondition()) {
                case Precondition.None n -> out.writeByte(0);
                case Precondition.IfAbsent a -> out.writeByte(1);
                case Precondition.IfMatch m -> {
                    out.writeByte(2);
                    out.writeUTF(m.etag());
                }
            }
            out.writeBoolean(options.computeSha256());
            out.writeLong(started.toEpochMilli());
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    static UploadMeta decode(byte[] raw, String where) {
        CRC32C crc = new CRC32C();
        if (raw.length < MAGIC.length + 4 || !Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(where);
        }
        crc.update(raw, 0, raw.length - 4);
        int stored = ((raw[raw.length - 4] & 0xFF) << 24) | ((raw[raw.length - 3] & 0xFF) << 16)
                | ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw corrupt(where);
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw, MAGIC.length, raw.length - MAGIC.length - 4));
            String key = in.readUTF();
            String type = in.readUTF();
            int n = in.readInt();
            Map<String, String> user = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                user.put(in.readUTF(), in.readUTF());
            }
            Precondition p = switch (in.readByte()) {
                case 0 -> Precondition.none();
                case 1 -> Precondition.ifAbsent();
                case 2 -> Precondition.ifMatch(in.readUTF());
                default -> throw corrupt(where);
            };
            boolean sha = in.readBoolean();
            Instant started = Instant.ofEpochMilli(in.readLong());
            return new UploadMeta(key, new PutOptions(type, user, p, sha), started);
        } catch (IOException e) {
            throw corrupt(where);
        }
    }

    private static CorruptionException corrupt(String where) {
        return new CorruptionException("multipart upload file " + where + " is damaged; abort the upload and start again");
    }
}
