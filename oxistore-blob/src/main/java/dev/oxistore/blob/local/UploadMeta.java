package dev.oxistore.blob.local;

import dev.oxistore.blob.Precondition;
import dev.oxistore.blob.PutOptions;
import dev.oxistore.kv.CorruptionException;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

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
        return CheckedFrame.encode(MAGIC, 128, out -> {
            out.writeUTF(key);
            out.writeUTF(options.contentType());
            CheckedFrame.writeUserMetadata(out, options.userMetadata());
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
        });
    }

    static UploadMeta decode(byte[] raw, String where) {
        DataInputStream in = CheckedFrame.body(raw, MAGIC, why -> corrupt(where));
        try {
            String key = in.readUTF();
            String type = in.readUTF();
            Map<String, String> user = CheckedFrame.readUserMetadata(in);
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
