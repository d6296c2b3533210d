package dev.oxistore.blob.local;

import dev.oxistore.blob.BlobMetadata;
import dev.oxistore.kv.CorruptionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The metadata file of one object version ({@code <segment>.meta}) and the part sizes that tie it
 * to its data files ({@code <segment>.<etag>.<i>.data}).
 *
 * <p>Format 1, big-endian, as written by {@link DataOutputStream}: the 8 ASCII bytes
 * {@code OXBLOBM1}; key, ETag (UTF); size (long); created and modified (epoch second long, nano
 * int each); content type (UTF); SHA-256 hex or empty (UTF); the number of user metadata entries
 * (int) and each name and value (UTF); the number of parts (int) and each part's size (long); last,
 * the CRC32C of everything before it (int).
 */
record Meta(BlobMetadata blob, List<Long> partSizes) {

    private static final byte[] MAGIC = {'O', 'X', 'B', 'L', 'O', 'B', 'M', '1'};

    Meta {
        partSizes = List.copyOf(partSizes);
    }

    String etag() {
        return blob.etag();
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeUTF(blob.key());
            out.writeUTF(blob.etag());
            out.writeLong(blob.size());
            writeInstant(out, blob.created());
            writeInstant(out, blob.modified());
            out.writeUTF(blob.contentType());
            out.writeUTF(blob.sha256().orElse(""));
            Map<String, String> sorted = new TreeMap<>(blob.userMetadata());
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(partSizes.size());
            for (long s : partSizes) {
                out.writeLong(s);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    static Meta decode(byte[] raw, String where) {
        if (raw.length < MAGIC.length + 4 || !java.util.Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(where, "it does not start with the format-1 magic");
        }
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, raw.length - 4);
        int stored = ((raw[raw.length - 4] & 0xFF) << 24) | ((raw[raw.length - 3] & 0xFF) << 16)
                | ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw corrupt(where, "its checksum does not match");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw, MAGIC.length, raw.length - MAGIC.length - 4));
            String key = in.readUTF();
            String etag = in.readUTF();
            long size = in.readLong();
            Instant created = readInstant(in);
            Instant modified = readInstant(in);
            String contentType = in.readUTF();
            String sha = in.readUTF();
            int n = in.readInt();
            Map<String, String> user = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                user.put(in.readUTF(), in.readUTF());
            }
            int parts = in.readInt();
            List<Long> sizes = new ArrayList<>(parts);
            long sum = 0;
            for (int i = 0; i < parts; i++) {
                long s = in.readLong();
                sizes.add(s);
                sum += s;
            }
            if (sum != size || in.available() != 0) {
                throw corrupt(where, "its part sizes do not add up to the object size");
            }
            return new Meta(new BlobMetadata(key, size, etag, contentType, user, created, modified,
                    sha.isEmpty() ? Optional.empty() : Optional.of(sha)), sizes);
        } catch (IOException e) {
            throw corrupt(where, "it ends early");
        }
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static CorruptionException corrupt(String where, String why) {
        return new CorruptionException("metadata file " + where + " is damaged (" + why + "); delete the object "
                + "and put it again, or restore the store from a backup");
    }
}
